package dev.mlops.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything known about one stored model version ({@code manifest.json} beside the archive).
 *
 * @param gitCommit the commit the model was built from, or null when not in a git repository
 * @param imageDigest the digest of the model's image, or null before it is packaged
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String model,
        String version,
        VersionStatus status,
        String createdAt,
        String gitCommit,
        String backend,
        TrainingTimes training,
        Map<String, String> hyperparameters,
        Map<String, DataFingerprint> data,
        ModelArtifact artifact,
        String imageDigest,
        Map<String, Double> metrics) {

    public Manifest {
        hyperparameters = sorted(hyperparameters);
        data = sorted(data);
        metrics = sorted(metrics);
    }

    public ModelName modelName() {
        return new ModelName(model);
    }

    public ModelVersion modelVersion() {
        return new ModelVersion(version);
    }

    public Optional<String> commit() {
        return Optional.ofNullable(gitCommit);
    }

    // sorted, so that manifest.json reads the same every time it is written
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** When training ran, and how long the training process took. */
    public record TrainingTimes(String startedAt, String finishedAt, long durationMillis) {}

    /** The stored model archive. */
    public record ModelArtifact(String file, long bytes, String sha256) {}
}
