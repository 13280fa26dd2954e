package dev.mlops.runtime;

import dev.mlops.testmodels.KeywordModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lays out a real {@code /opt/ml} tree in a temporary directory, as SageMaker or the local trainer does. */
final class OptMlFixture {

    static final String SPAM_HAM = """
            spam,win money now
            spam,cheap money offer
            ham,meeting at noon
            ham,lunch at noon tomorrow
            ham,see you at lunch
            """;

    private OptMlFixture() {}

    /** A tree whose {@code train} channel is a symbolic link to a directory elsewhere, as the local trainer makes it. */
    static OptMl withLinkedTrainChannel(Path temp, String hyperparametersJson) {
        try {
            Path data = Files.createDirectories(temp.resolve("datasets/spam-v1"));
            Files.writeString(data.resolve("part-0.csv"), SPAM_HAM, StandardCharsets.UTF_8);
            OptMl tree = new OptMl(temp.resolve("opt-ml"));
            Files.createDirectories(tree.dataDir());
            Files.createSymbolicLink(tree.dataDir().resolve("train"), data);
            if (hyperparametersJson != null) {
                Files.createDirectories(tree.hyperparametersFile().getParent());
                Files.writeString(tree.hyperparametersFile(), hyperparametersJson, StandardCharsets.UTF_8);
            }
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tree with a trained {@link KeywordModel} in {@code model/}. */
    static OptMl trained(Path temp) {
        OptMl tree = withLinkedTrainChannel(temp, null);
        TrainingResult result = Training.run(tree.root(), new KeywordModel());
        if (!result.succeeded()) {
            throw new AssertionError("fixture training failed: " + result.failureMessage().orElseThrow());
        }
        return tree;
    }

    static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
