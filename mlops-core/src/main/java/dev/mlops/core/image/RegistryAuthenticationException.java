package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;

/** A registry refused the credentials, or wanted some and none were found. */
public final class RegistryAuthenticationException extends ConfigurationException {

    public RegistryAuthenticationException(String message) {
        super(message);
    }
}
