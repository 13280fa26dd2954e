package dev.mlops.core.store;

import dev.mlops.core.domain.Manifest;

/** A version as stored: its manifest and where its model archive is. */
public record StoredVersion(Manifest manifest, String modelUri) {}
