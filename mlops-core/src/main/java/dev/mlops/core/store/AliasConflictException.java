package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;

/** An alias was not where the caller expected it: someone else moved it in the meantime. */
public class AliasConflictException extends ConfigurationException {

    public AliasConflictException(String message) {
        super(message);
    }
}
