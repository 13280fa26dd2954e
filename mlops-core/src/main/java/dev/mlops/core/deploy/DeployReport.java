package dev.mlops.core.deploy;

import java.util.Optional;

/**
 * What a deployment or rollback did.
 *
 * @param replaced the version the endpoint served before, if any
 * @param changed false when the version asked for was already serving
 */
public record DeployReport(Endpoint endpoint, Optional<String> replaced, boolean changed) {}
