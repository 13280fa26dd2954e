package dev.mlops.core.image;

/**
 * How to talk to registries: the credentials, and whether plain HTTP (or an unverified certificate)
 * is allowed, as for a registry on 127.0.0.1.
 */
public record RegistryAccess(RegistryCredentials credentials, boolean allowInsecure) {}
