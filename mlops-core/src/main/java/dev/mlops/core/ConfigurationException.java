package dev.mlops.core;

/** Input the user gave is wrong; the message names the value and how to set it right. */
public class ConfigurationException extends MlopsException {

    public ConfigurationException(String message) {
        super(message, null);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
