package dev.mlops.core.train;

import dev.mlops.core.MlopsEvents;

/** Where training runs: {@code local} (a forked JVM) or a remote service (SageMaker, in mlops-aws). */
public interface TrainingBackend {

    /** The name users choose it by ({@code mlops.backend}). */
    String name();

    /**
     * Runs the model's {@code train} entry point on the job's channels and hyperparameters.
     *
     * @return the trained model directory on this machine, or the archive a remote job wrote
     * @throws TrainingFailedException when the model's training failed (what its failure file says)
     */
    TrainingOutput train(TrainingJob job, MlopsEvents events);

    /** Whether channels may be remote locations ({@code s3://…}) that this backend reads in place. */
    default boolean readsRemoteChannels() {
        return false;
    }
}
