package dev.mlops.maven.wiring;

import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointBackend;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.evaluate.BatchPredictionBackend;
import dev.mlops.core.evaluate.LocalBatchPredictionBackend;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.core.train.TrainingBackend;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.EndpointSettings;
import dev.mlops.maven.settings.EvaluateSettings;
import dev.mlops.maven.settings.TrainSettings;
import java.util.List;

/** {@code local}: training, batch prediction and endpoints as processes on this machine (core's adapters). */
final class LocalBackendProvider implements BackendProvider {

    static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainingBackend training(TrainSettings settings, GoalContext goal) {
        return new LocalTrainingBackend(settings.local(), goal.clock());
    }

    @Override
    public BatchPredictionBackend batchPrediction(EvaluateSettings settings, GoalContext goal) {
        return new LocalBatchPredictionBackend(settings.local(), goal.store(), goal.clock());
    }

    @Override
    public EndpointBackend endpoints(EndpointSettings settings, GoalContext goal) {
        return new LocalEndpointBackend(settings.local(), goal.store(), goal.clock());
    }

    @Override
    public List<Endpoint> listEndpoints(CommonSettings settings, GoalContext goal) {
        return LocalEndpointBackend.endpointsIn(settings.endpointsDir());
    }
}
