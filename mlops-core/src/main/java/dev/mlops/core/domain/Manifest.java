package dev.mlops.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything known about one stored model version ({@code manifest.json} beside the archive). The
 * model archive never changes; the manifest gains status, metrics, the image and audit entries as
 * the version moves through the pipeline. Change it with the {@code with…} methods, not the
 * constructor, so that adding a field touches one place.
 *
 * @param gitCommit the commit the model was built from, or null when not in a git repository
 * @param image the image reference the version was packaged as, or null before it is packaged
 * @param imageDigest the digest of that image ({@code sha256:…}), or null before it is packaged
 * @param audit what people or pipelines decided about this version, oldest first
 * @param trainingJob the remote training job that made the model (SageMaker), or null when trained locally
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
        String image,
        String imageDigest,
        Map<String, Double> metrics,
        List<AuditEntry> audit,
        TrainingJobRecord trainingJob) {

    public Manifest {
        hyperparameters = sorted(hyperparameters);
        data = sorted(data);
        metrics = sorted(metrics);
        audit = audit == null ? List.of() : List.copyOf(audit);
    }

    /** A freshly trained version: a candidate with no image, metrics or audit yet. */
    public static Manifest candidate(String model, String version, String createdAt, String gitCommit,
            String backend, TrainingTimes training, Map<String, String> hyperparameters,
            Map<String, DataFingerprint> data, ModelArtifact artifact) {
        return new Manifest(model, version, VersionStatus.CANDIDATE, createdAt, gitCommit, backend, training,
                hyperparameters, data, artifact, null, null, Map.of(), List.of(), null);
    }

    public Manifest withStatus(VersionStatus newStatus) {
        return new Manifest(model, version, newStatus, createdAt, gitCommit, backend, training, hyperparameters,
                data, artifact, image, imageDigest, metrics, audit, trainingJob);
    }

    public Manifest withMetrics(Map<String, Double> newMetrics) {
        return new Manifest(model, version, status, createdAt, gitCommit, backend, training, hyperparameters,
                data, artifact, image, imageDigest, newMetrics, audit, trainingJob);
    }

    public Manifest withImage(String newImage, String newImageDigest) {
        return new Manifest(model, version, status, createdAt, gitCommit, backend, training, hyperparameters,
                data, artifact, newImage, newImageDigest, metrics, audit, trainingJob);
    }

    public Manifest withAudit(AuditEntry entry) {
        List<AuditEntry> entries = new ArrayList<>(audit);
        entries.add(entry);
        return new Manifest(model, version, status, createdAt, gitCommit, backend, training, hyperparameters,
                data, artifact, image, imageDigest, metrics, entries, trainingJob);
    }

    /** The same manifest, recording the remote job that trained the model. */
    public Manifest withTrainingJob(TrainingJobRecord job) {
        return new Manifest(model, version, status, createdAt, gitCommit, backend, training, hyperparameters,
                data, artifact, image, imageDigest, metrics, audit, job);
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

    /**
     * A remote training job, as the service reported it when it ended.
     *
     * @param id the service's identifier of the job (SageMaker: its ARN)
     * @param billableSeconds what the service bills for (with managed spot, less than the run time)
     * @param finalMetrics the metrics the job reported last, by name
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TrainingJobRecord(String name, String id, String status, Long billableSeconds,
            Map<String, Double> finalMetrics) {
        public TrainingJobRecord {
            finalMetrics = sorted(finalMetrics);
        }
    }

    /** The stored model archive. */
    public record ModelArtifact(String file, long bytes, String sha256) {}

    /**
     * One decision about the version, e.g. {@code gate-skipped} or {@code deployed-despite-gate}.
     *
     * @param by who or what decided (the CI job, the user), when known
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditEntry(String at, String action, String detail, String by) {}
}
