package dev.mlops.core.evaluate;

import dev.mlops.core.MlopsEvents;

/**
 * Where batch prediction runs: {@code local} (the model's own server on this machine, fed through
 * {@code /invocations}) today, SageMaker batch transform beside it later.
 */
public interface BatchPredictionBackend {

    /** The name users choose it by ({@code mlops.backend}). */
    String name();

    /**
     * Predicts every record of the job's test channel with the stored version and hands each
     * (label, prediction) pair to {@code metrics}.
     *
     * @throws dev.mlops.core.ConfigurationException when a record or the archive is the user's to fix
     * @throws dev.mlops.core.InfrastructureException when the model server or the service fails
     */
    void predict(BatchPredictionJob job, MetricsAccumulator metrics, MlopsEvents events);
}
