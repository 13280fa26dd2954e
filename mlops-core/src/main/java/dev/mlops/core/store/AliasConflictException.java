package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Text;

/** An alias was not where the caller expected it: someone else moved it in the meantime. */
public class AliasConflictException extends ConfigurationException {

    public AliasConflictException(String message) {
        super(message);
    }

    public AliasConflictException(Text message) {
        super(message);
    }
}
