package dev.mlops.maven.settings;

import dev.mlops.core.version.VersionRequest;

/** {@code mlops:version}'s settings. */
public record VersionSettings(CommonSettings common, VersionRequest request) {}
