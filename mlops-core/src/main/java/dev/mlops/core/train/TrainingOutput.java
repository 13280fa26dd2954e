package dev.mlops.core.train;

import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.domain.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished training run left: the model directory (the local backend) or an archive a remote job
 * wrote (SageMaker's {@code model.tar.gz}, downloaded), how long the training took, and for a remote job what
 * the service reported about it.
 *
 * @param remoteData the fingerprints of channels read in place (S3), by channel name
 */
public record TrainingOutput(Optional<Path> modelDir, Optional<Path> modelArchive, Duration duration,
        Optional<Manifest.TrainingJobRecord> job, Map<String, DataFingerprint> remoteData) {

    public TrainingOutput {
        if (modelDir.isPresent() == modelArchive.isPresent()) {
            throw new IllegalArgumentException("a training output is a model directory or an archive");
        }
        remoteData = Map.copyOf(remoteData);
    }

    /** A model directory on this machine, which the training service archives. */
    public TrainingOutput(Path modelDir, Duration duration) {
        this(Optional.of(modelDir), Optional.empty(), duration, Optional.empty(), Map.of());
    }

    /** A model archive a remote job wrote, stored as it is (its SHA-256 is taken from these bytes). */
    public static TrainingOutput archived(Path archive, Duration duration, Manifest.TrainingJobRecord job,
            Map<String, DataFingerprint> remoteData) {
        return new TrainingOutput(Optional.empty(), Optional.of(archive), duration, Optional.of(job), remoteData);
    }
}
