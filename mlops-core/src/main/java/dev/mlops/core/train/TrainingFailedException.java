package dev.mlops.core.train;

import dev.mlops.core.MlopsException;

/** The model's own training failed; the message is what it wrote to its failure file. */
public class TrainingFailedException extends MlopsException {

    private final String failure;
    private final int exitCode;

    public TrainingFailedException(String failure, int exitCode) {
        super("Training failed (exit code " + exitCode + "): " + failure, null);
        this.failure = failure;
        this.exitCode = exitCode;
    }

    /** The model's failure message, as SageMaker would show it. */
    public String failure() {
        return failure;
    }

    public int exitCode() {
        return exitCode;
    }
}
