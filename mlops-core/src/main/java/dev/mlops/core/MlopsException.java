package dev.mlops.core;

/**
 * The root of every error the core raises. Its subclasses tell an adapter how to report it: a
 * {@link ConfigurationException} is the user's to fix, an {@link InfrastructureException} is a fault
 * of something the core talked to.
 */
public abstract class MlopsException extends RuntimeException {

    protected MlopsException(String message, Throwable cause) {
        super(message, cause);
    }
}
