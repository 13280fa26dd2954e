package dev.mlops.core.train;

import dev.mlops.core.MlopsEvents;

/** Where training runs: {@code local} (a forked JVM) today, SageMaker beside it later. */
public interface TrainingBackend {

    /** The name users choose it by ({@code mlops.backend}). */
    String name();

    /**
     * Runs the model's {@code train} entry point on the job's channels and hyperparameters.
     *
     * @return where the trained model directory is, on this machine
     * @throws TrainingFailedException when the model's training failed (what its failure file says)
     */
    TrainingOutput train(TrainingJob job, MlopsEvents events);
}
