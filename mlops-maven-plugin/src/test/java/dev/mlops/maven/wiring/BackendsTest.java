package dev.mlops.maven.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.TrainSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {

    @TempDir Path temp;

    @Test
    void localIsKnownAndMakesCoresLocalBackends() {
        assertEquals(List.of("local", "sagemaker"), Backends.names());
        TrainSettings settings = new TrainSettings(common(" local "), null, new LocalTrainingBackend.Settings(
                new ModelJvm(Path.of("java"), List.of(), List.of(), Map.of()), Duration.ofMinutes(1)), null);
        assertEquals("local", Backends.training(settings, goal()).name());
        assertTrue(Backends.listEndpoints(common("local"), goal()).isEmpty());
    }

    @Test
    void anUnknownBackendIsNamedWithTheKnownOnesTheNearestAndTheFix() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Backends.listEndpoints(common("locl"), goal()));
        assertEquals("Unknown endpoint backend 'locl'. Known backends: local, sagemaker. Did you mean 'local'? Set <backend> in the"
                + " plugin configuration or pass -Dmlops.backend=local.", e.getMessage());
        TrainSettings kubernetes = new TrainSettings(common("kubernetes"), null, null, null);
        assertTrue(assertThrows(ConfigurationException.class, () -> Backends.training(kubernetes, goal())).getMessage()
                .startsWith("Unknown training backend 'kubernetes'. Known backends: local, sagemaker."));
    }

    @Test
    void sagemakerTrainsButRefusesBatchPredictionAndEndpointsNamingTheLocalBackend() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Backends.batchPrediction(
                new dev.mlops.maven.settings.EvaluateSettings(common("sagemaker"), null, null), goal()));
        assertTrue(e.getMessage().startsWith("SageMaker batch transform is not available yet") && e.getMessage()
                .contains("-Dmlops.backend=local"), e.getMessage());
        e = assertThrows(ConfigurationException.class, () -> Backends.endpoints(
                new dev.mlops.maven.settings.EndpointSettings(common("sagemaker"), null, null), goal()));
        assertTrue(e.getMessage().startsWith("SageMaker endpoints are not available yet"), e.getMessage());
    }

    private CommonSettings common(String backend) {
        return new CommonSettings(new ModelName("m"), "store", backend, temp, temp.resolve("target/mlops"),
                temp.resolve("endpoints"), AwsClients.Settings.defaults());
    }

    private GoalContext goal() {
        return new GoalContext(new FileModelStore(temp.resolve("store")), Clock.systemUTC(), MlopsEvents.NONE);
    }
}
