package dev.mlops.core.deploy;

import java.net.URI;

/**
 * A version started beside the endpoint's current one, not yet receiving the endpoint's traffic.
 *
 * @param directUrl where the staged version itself answers, for the smoke test
 * @param handle the backend's own reference to what it started
 */
public record StagedDeployment(String endpoint, String model, String version, URI directUrl, String handle) {}
