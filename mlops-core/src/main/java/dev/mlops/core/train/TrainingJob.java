package dev.mlops.core.train;

import dev.mlops.core.handoff.MlopsEnv;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One training run, as every backend needs it.
 *
 * @param channels channel name to the directory of its data
 * @param remoteChannels channel name to data read in place ({@code s3://…}), for backends that can
 * @param workDir a directory the backend owns for this run (the local backend lays out /opt/ml here)
 * @param gitCommit the commit trained, when known
 * @param image the image mlops:package built for this version, when it ran first
 */
public record TrainingJob(String model, String version, Map<String, Path> channels, Map<String, URI> remoteChannels,
        Map<String, String> hyperparameters, Path workDir, Optional<String> gitCommit,
        Optional<MlopsEnv.PackagedImage> image) {

    public TrainingJob {
        channels = java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
        remoteChannels = java.util.Collections.unmodifiableMap(new TreeMap<>(remoteChannels));
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
    }

    /** A job on local channels only, with nothing known of commit or image. */
    public TrainingJob(String model, String version, Map<String, Path> channels, Map<String, String> hyperparameters,
            Path workDir) {
        this(model, version, channels, Map.of(), hyperparameters, workDir, Optional.empty(), Optional.empty());
    }
}
