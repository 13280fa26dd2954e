package dev.mlops.core.image;

/** Whether a registry already has a tag: checked before a push, since a version tag is never overwritten. */
public interface TagLookup {

    /**
     * @param registry host and port, as in the image reference
     * @throws dev.mlops.core.ConfigurationException when the registry refuses the credentials
     * @throws dev.mlops.core.InfrastructureException when the registry cannot be reached
     */
    boolean exists(String registry, String repository, String tag, RegistryAccess access);
}
