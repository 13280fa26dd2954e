package dev.mlops.core.deploy;

import dev.mlops.core.MlopsException;
import dev.mlops.core.Text;

/** A deployment step failed; the endpoint still serves what it served before. */
public class DeploymentException extends MlopsException {

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeploymentException(Text message, Throwable cause) {
        super(message, cause);
    }
}
