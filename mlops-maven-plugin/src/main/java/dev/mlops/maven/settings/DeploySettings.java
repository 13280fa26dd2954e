package dev.mlops.maven.settings;

import dev.mlops.core.deploy.DeployRequest;
import dev.mlops.core.evaluate.RecordLayout;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mlops:deploy}'s and {@code mlops:rollback}'s settings.
 *
 * @param testChannel the {@code test} channel, if configured: the smoke test's records and the "try it" hint's
 * @param layout where the label is in its records
 */
public record DeploySettings(EndpointSettings endpoint, DeployRequest request, Optional<Path> testChannel,
        RecordLayout layout) {}
