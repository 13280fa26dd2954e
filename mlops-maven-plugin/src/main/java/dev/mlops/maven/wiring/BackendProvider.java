package dev.mlops.maven.wiring;

import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointBackend;
import dev.mlops.core.evaluate.BatchPredictionBackend;
import dev.mlops.core.train.TrainingBackend;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.EndpointSettings;
import dev.mlops.maven.settings.EvaluateSettings;
import dev.mlops.maven.settings.TrainSettings;
import java.util.List;

/**
 * One technology's backends ({@code local}, later {@code sagemaker}), each made for one goal from that
 * goal's settings. Register a new one in {@link Backends#PROVIDERS}.
 */
public interface BackendProvider {

    /** The name users choose it by ({@code mlops.backend}). */
    String name();

    TrainingBackend training(TrainSettings settings, GoalContext goal);

    BatchPredictionBackend batchPrediction(EvaluateSettings settings, GoalContext goal);

    EndpointBackend endpoints(EndpointSettings settings, GoalContext goal);

    /** The endpoints this backend runs, for {@code mlops:status} (which resolves no model class path). */
    List<Endpoint> listEndpoints(CommonSettings settings, GoalContext goal);
}
