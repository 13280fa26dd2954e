package dev.mlops.maven.settings;

import dev.mlops.core.deploy.local.LocalEndpointBackend;

/**
 * What {@code mlops:deploy}, {@code rollback} and {@code undeploy} read about the endpoint's backend.
 *
 * @param local the {@code local} endpoint's directory, JVMs, port, timeouts and limits
 */
public record EndpointSettings(CommonSettings common, LocalEndpointBackend.Settings local) {}
