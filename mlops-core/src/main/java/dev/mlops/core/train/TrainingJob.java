package dev.mlops.core.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * One training run, as every backend needs it.
 *
 * @param channels channel name to the directory of its data
 * @param workDir a directory the backend owns for this run (the local backend lays out /opt/ml here)
 */
public record TrainingJob(String model, String version, Map<String, Path> channels,
        Map<String, String> hyperparameters, Path workDir) {

    public TrainingJob {
        channels = java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
    }
}
