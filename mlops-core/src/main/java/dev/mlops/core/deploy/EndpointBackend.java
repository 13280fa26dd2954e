package dev.mlops.core.deploy;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.util.List;
import java.util.Optional;

/**
 * Where endpoints run: {@code local} (processes on this machine) today, SageMaker beside it later.
 * A deployment is staged beside what serves now, checked, then promoted or discarded, so that a
 * failed update never takes down the version serving.
 */
public interface EndpointBackend {

    /** The name users choose it by ({@code mlops.backend}). */
    String name();

    /** The endpoint as it is now, if it exists. */
    Optional<Endpoint> find(String endpoint);

    /** Every endpoint of this backend. */
    List<Endpoint> list();

    /**
     * Starts {@code version} beside whatever the endpoint serves now and waits until it is healthy;
     * the endpoint's traffic does not change yet.
     *
     * @param policy how {@link #promote} will move the traffic, and what else the version brings (shadow, capture)
     */
    StagedDeployment stage(String endpoint, ModelName model, ModelVersion version, DeploymentPolicy policy,
            MlopsEvents events);

    /**
     * Sends the endpoint's traffic to the staged deployment as its policy says, then retires what served
     * before. When the policy's thresholds or alarms roll it back, throws {@link DeploymentException} saying
     * which, with the endpoint serving what it served before.
     */
    Endpoint promote(StagedDeployment staged, MlopsEvents events);

    /** Removes a staged deployment that will not be promoted; the endpoint serves as before. */
    void discard(StagedDeployment staged, MlopsEvents events);

    /** Stops the endpoint and everything it runs. */
    void stop(String endpoint, MlopsEvents events);

    /**
     * Waits until no other deployment, rollback or undeploy of {@code endpoint} runs (in this process
     * or another), saying so while it waits, and keeps them out until closed.
     *
     * @param purpose what the holder does, shown to whoever waits
     */
    Lock lock(String endpoint, String purpose, MlopsEvents events);

    /** Held from staging to the alias's move. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }
}
