package dev.mlops.core;

/** Something the core relies on (a disk, a process, a remote service) failed. */
public class InfrastructureException extends MlopsException {

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }

    public InfrastructureException(Text message, Throwable cause) {
        super(message, cause);
    }
}
