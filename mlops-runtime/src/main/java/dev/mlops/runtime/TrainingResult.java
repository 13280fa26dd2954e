package dev.mlops.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a training run ended.
 *
 * @param took how long it ran
 * @param modelFiles the files written under the model directory (empty on failure)
 * @param failure what made it fail; also written to {@code output/failure}
 */
public record TrainingResult(Duration took, List<Path> modelFiles, Optional<Throwable> failure) {

    /** Copies {@code modelFiles}. */
    public TrainingResult {
        modelFiles = List.copyOf(modelFiles);
    }

    /** Whether the model trained: no failure. */
    public boolean succeeded() {
        return failure.isEmpty();
    }

    /** The first line of {@code output/failure}. */
    public Optional<String> failureMessage() {
        return failure.map(FailureReport::headline);
    }
}
