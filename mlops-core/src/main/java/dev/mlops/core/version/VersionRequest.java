package dev.mlops.core.version;

import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code mlops:version} is asked.
 *
 * @param explicit the version the user chose ({@code -Dmlops.version}); computed when empty
 * @param ci what GitLab CI says about the pipeline; {@link CiEnvironment#NONE} outside CI
 * @param outputDir where {@code mlops.env} is written
 * @param projectDir the project's base directory: paths in {@code mlops.env} are relative to it
 */
public record VersionRequest(ModelName model, Optional<ModelVersion> explicit, CiEnvironment ci, Path outputDir,
        Optional<Path> projectDir) {}
