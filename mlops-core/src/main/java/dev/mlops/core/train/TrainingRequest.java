package dev.mlops.core.train;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked to train.
 *
 * @param version the version to store it as; a development version when empty
 * @param outputDir where reports go ({@code target/mlops})
 * @param projectDir the project's base directory: paths in {@code mlops.env} are relative to it
 */
public record TrainingRequest(ModelName model, Optional<ModelVersion> version, Map<String, Path> channels,
        Map<String, String> hyperparameters, Path outputDir, Optional<String> gitCommit, Optional<Path> projectDir) {

    public TrainingRequest {
        channels = Map.copyOf(channels);
        hyperparameters = Map.copyOf(hyperparameters);
    }
}
