package dev.mlops.maven.wiring;

import dev.mlops.aws.AwsClients;
import dev.mlops.aws.sagemaker.SageMakerTrainer;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointBackend;
import dev.mlops.core.evaluate.BatchPredictionBackend;
import dev.mlops.core.train.TrainingBackend;
import dev.mlops.maven.MlopsProperties;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.EndpointSettings;
import dev.mlops.maven.settings.EvaluateSettings;
import dev.mlops.maven.settings.TrainSettings;
import java.util.List;

/**
 * {@code sagemaker}: training as a SageMaker training job (mlops-aws). Batch transform and endpoints on SageMaker
 * are not built yet (issue 12): those goals refuse the backend, naming the one that works.
 */
final class SageMakerBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return SageMakerTrainer.NAME;
    }

    @Override
    public TrainingBackend training(TrainSettings settings, GoalContext goal) {
        // the settings and the region are checked here, before any AWS call
        return new SageMakerTrainer(settings.sagemaker(), settings.common().store(), new AwsClients(settings.common().aws()),
                goal.clock());
    }

    @Override
    public BatchPredictionBackend batchPrediction(EvaluateSettings settings, GoalContext goal) {
        throw notYet("SageMaker batch transform is", "evaluate a version trained on SageMaker");
    }

    @Override
    public EndpointBackend endpoints(EndpointSettings settings, GoalContext goal) {
        throw notYet("SageMaker endpoints are", "deploy, roll back or undeploy it");
    }

    @Override
    public List<Endpoint> listEndpoints(CommonSettings settings, GoalContext goal) {
        throw notYet("Listing SageMaker endpoints is", "see the versions and the local endpoints");
    }

    private static ConfigurationException notYet(String what, String instead) {
        return new ConfigurationException(what + " not available yet: only training runs on the sagemaker backend."
                + " Pass -D" + MlopsProperties.BACKEND + "=local (<backend>local</backend>) to " + instead
                + " on this machine; the version is in the store either way.");
    }
}
