package dev.mlops.core.handoff;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.train.TrainingReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code target/mlops/training.json}: what mlops:train stored in this build (a {@link TrainingReport}),
 * removed at the start of every training so that it never names an older run. Later goals take from it
 * the version just trained.
 */
public final class TrainingJson {

    public static final String FILE = "training.json";

    /** No version to evaluate was given, and {@link #FILE} names none of the model. */
    public static final class NoTrainedVersionException extends ConfigurationException {
        private final Path file;
        private final ModelName model;

        NoTrainedVersionException(Path file, ModelName model) {
            super("No version to evaluate: " + file + " names no trained version of '" + model + "'. Train one first,"
                    + " or name a stored version.");
            this.file = file;
            this.model = model;
        }

        public Path file() {
            return file;
        }

        public ModelName model() {
            return model;
        }
    }

    private final Path file;

    private TrainingJson(Path file) {
        this.file = file;
    }

    /** @param outputDir the goal's output directory ({@code target/mlops}) */
    public static TrainingJson in(Path outputDir) {
        return new TrainingJson(outputDir.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    /** Before training: a failed run must not leave the previous run's report behind. */
    public void deleteStale() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot remove the previous " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(TrainingReport report) {
        JsonFiles.write(file, report);
    }

    /** The version mlops:train stored in this build for {@code model}: the report's manifest, when it is that model's. */
    public Optional<ModelVersion> trainedVersion(ModelName model) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        TrainingReport trained = JsonFiles.read(file, TrainingReport.class);
        return trained.manifest() != null && model.value().equals(trained.manifest().model())
                ? Optional.of(new ModelVersion(trained.manifest().version())) : Optional.empty();
    }

    /**
     * The version to evaluate: {@code given}, else {@link #trainedVersion}.
     *
     * @throws NoTrainedVersionException when neither names one
     */
    public ModelVersion versionToEvaluate(Optional<ModelVersion> given, ModelName model) {
        return given.or(() -> trainedVersion(model)).orElseThrow(() -> new NoTrainedVersionException(file, model));
    }
}
