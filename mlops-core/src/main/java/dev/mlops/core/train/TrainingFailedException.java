package dev.mlops.core.train;

import dev.mlops.core.MlopsException;
import dev.mlops.core.Text;

/** The model's own training failed; the message is what it wrote to its failure file. */
public class TrainingFailedException extends MlopsException {

    private final String failure;
    private final int exitCode;

    public TrainingFailedException(String failure, int exitCode) {
        this(Text.of(failure), exitCode);
    }

    /** A failure the build saw itself (a timeout), naming the setting that would change it. */
    public TrainingFailedException(Text failure, int exitCode) {
        super(Text.of("Training failed (exit code " + exitCode + "): ", failure), null);
        this.failure = failure.toString();
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
