package dev.mlops.samples.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mlops.runtime.Training;
import dev.mlops.runtime.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains through the runtime's own train entry point over an /opt/ml tree, as the container does. */
class RuntimeContractTest {

    @Test
    void trainsOverAnOptMlTree(@TempDir Path root) throws Exception {
        List<String> all = Files.readAllLines(SpamClassifierTest.TRAIN);
        List<String> slice = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 8) {
            slice.add(all.get(i));
        }
        SpamClassifierTest.write(root.resolve("input/data/train/emails.jsonl"), slice);
        SpamClassifierTest.write(root.resolve("input/config/hyperparameters.json"), List.of("{\"epochs\": \"2\", \"hash-dim\": \"65536\"}"));

        TrainingResult result = Training.run(root, new SpamClassifier());

        assertTrue(result.succeeded(), () -> result.failureMessage().orElse(""));
        assertEquals(List.of(root.resolve("model/model.tribuo"), root.resolve("model/pipeline.properties")), result.modelFiles());
        assertTrue(Files.readString(root.resolve("model/pipeline.properties")).contains("hash-dim=65536"));
    }

    @Test
    void aBadLineEndsUpInTheFailureFile(@TempDir Path root) throws Exception {
        SpamClassifierTest.write(root.resolve("input/data/train/emails.jsonl"), List.of(
                "{\"label\": \"ham\", \"text\": \"lunch?\"}", "{\"label\": \"spam\", \"text\": }"));

        TrainingResult result = Training.run(root, new SpamClassifier());

        assertTrue(!result.succeeded());
        String failure = Files.readString(root.resolve("output/failure"));
        assertTrue(failure.startsWith("emails.jsonl line 2: not valid JSON"), failure);
    }
}
