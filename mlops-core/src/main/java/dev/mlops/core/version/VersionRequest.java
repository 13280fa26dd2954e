package dev.mlops.core.version;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code mlops:version} is asked.
 *
 * @param explicit the version the user chose ({@code -Dmlops.version}); computed when empty
 * @param ciEnvironment the CI variables (GitLab's {@code CI_*}); empty outside CI
 * @param outputDir where {@code mlops.env} is written
 * @param projectDir the project's base directory: paths in {@code mlops.env} are relative to it
 */
public record VersionRequest(ModelName model, Optional<ModelVersion> explicit, Map<String, String> ciEnvironment,
        Path outputDir, Optional<Path> projectDir) {

    public VersionRequest {
        ciEnvironment = Map.copyOf(ciEnvironment);
    }

    /** Without a project directory: the store is handed on in {@code mlops.env} as it is. */
    public VersionRequest(ModelName model, Optional<ModelVersion> explicit, Map<String, String> ciEnvironment,
            Path outputDir) {
        this(model, explicit, ciEnvironment, outputDir, Optional.empty());
    }
}
