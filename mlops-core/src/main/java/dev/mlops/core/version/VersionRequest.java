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
 */
public record VersionRequest(ModelName model, Optional<ModelVersion> explicit, Map<String, String> ciEnvironment,
        Path outputDir) {

    public VersionRequest {
        ciEnvironment = Map.copyOf(ciEnvironment);
    }
}
