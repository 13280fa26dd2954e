package dev.mlops.core;

import java.util.Optional;

/**
 * Input the user gave is wrong; the message names the value and, as data, the setting to change
 * ({@link #setting()}) and what to set it to.
 */
public class ConfigurationException extends MlopsException {

    public ConfigurationException(String message) {
        super(message, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigurationException(Text message) {
        super(message, null);
    }

    public ConfigurationException(Text message, Throwable cause) {
        super(message, cause);
    }

    /** The setting the message tells the user to change first, if it names one. */
    public Optional<Setting> setting() {
        return text().setting();
    }
}
