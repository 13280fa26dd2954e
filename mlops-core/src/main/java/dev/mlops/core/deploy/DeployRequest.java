package dev.mlops.core.deploy;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user asked to deploy.
 *
 * @param version the version to deploy; the newest that passed the gate when empty
 * @param alias the alias that follows the endpoint ({@code production})
 * @param allowRejected deploy a version that failed the gate (recorded in its manifest)
 * @param smokeTest what to send the new version before it gets traffic; none skips the check
 * @param actor who asked, for the audit trail (the CI job, the user)
 * @param policy how the new version takes over and when it is rolled back
 */
public record DeployRequest(ModelName model, String endpoint, Optional<ModelVersion> version, String alias,
        boolean allowRejected, Optional<SmokeTest> smokeTest, Path outputDir, String actor,
        DeploymentPolicy policy) {}
