package dev.mlops.core.deploy;

import java.net.URI;

/**
 * An endpoint and the version it serves.
 *
 * @param url where callers send {@code /invocations}
 * @param healthy whether it answered {@code /ping} when it was looked at
 */
public record Endpoint(String name, String backend, String model, String version, URI url, boolean healthy) {}
