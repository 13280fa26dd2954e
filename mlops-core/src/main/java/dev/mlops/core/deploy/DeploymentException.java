package dev.mlops.core.deploy;

import dev.mlops.core.MlopsException;

/** A deployment step failed; the endpoint still serves what it served before. */
public class DeploymentException extends MlopsException {

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
