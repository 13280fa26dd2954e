package dev.mlops.maven.settings;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.domain.ModelName;
import java.nio.file.Path;

/**
 * What every goal reads the same way.
 *
 * @param store the {@code mlops.store} location as given (a URI or a path)
 * @param backend the {@code mlops.backend} name as given (checked when a backend is made)
 * @param baseDir the project directory
 * @param outputDir where reports and {@code mlops.env} go
 * @param endpointsDir where local endpoints keep their state
 * @param aws the region and endpoint overrides for every AWS client of the goal
 */
public record CommonSettings(ModelName model, String store, String backend, Path baseDir, Path outputDir,
        Path endpointsDir, AwsClients.Settings aws) {}
