package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Text;

/** A registry refused the credentials, or wanted some and none were found. */
public final class RegistryAuthenticationException extends ConfigurationException {

    public RegistryAuthenticationException(String message) {
        super(message);
    }

    public RegistryAuthenticationException(Text message) {
        super(message);
    }
}
