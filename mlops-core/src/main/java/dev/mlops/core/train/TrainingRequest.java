package dev.mlops.core.train;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked to train.
 *
 * @param version the version to store it as; a development version when empty
 * @param remoteChannels channels given as {@code s3://…} locations, read in place by a backend that can
 * @param outputDir where reports go ({@code target/mlops})
 * @param projectDir the project's base directory: paths in {@code mlops.env} are relative to it
 */
public record TrainingRequest(ModelName model, Optional<ModelVersion> version, Map<String, Path> channels,
        Map<String, URI> remoteChannels, Map<String, String> hyperparameters, Path outputDir, Optional<String> gitCommit,
        Optional<Path> projectDir) {

    public TrainingRequest {
        channels = Map.copyOf(channels);
        remoteChannels = Map.copyOf(remoteChannels);
        hyperparameters = Map.copyOf(hyperparameters);
    }

    /** A request on local channels only. */
    public TrainingRequest(ModelName model, Optional<ModelVersion> version, Map<String, Path> channels,
            Map<String, String> hyperparameters, Path outputDir, Optional<String> gitCommit, Optional<Path> projectDir) {
        this(model, version, channels, Map.of(), hyperparameters, outputDir, gitCommit, projectDir);
    }
}
