package dev.mlops.maven.wiring;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointBackend;
import dev.mlops.core.evaluate.BatchPredictionBackend;
import dev.mlops.core.io.NearestName;
import dev.mlops.core.train.TrainingBackend;
import dev.mlops.maven.MlopsProperties;
import java.util.LinkedHashMap;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.EndpointSettings;
import dev.mlops.maven.settings.EvaluateSettings;
import dev.mlops.maven.settings.TrainSettings;
import java.util.List;
import java.util.Map;

/**
 * The one place where {@code mlops.backend} picks the implementations a goal runs on. Adding a backend
 * is one {@link BackendProvider} and one line in {@link #PROVIDERS}.
 */
public final class Backends {

    public static final String DEFAULT = LocalBackendProvider.NAME;

    /** Every backend, by name: register a new one here. */
    private static final List<BackendProvider> PROVIDERS = List.of(
            new LocalBackendProvider(),
            new SageMakerBackendProvider());

    private static final Map<String, BackendProvider> BY_NAME = byName(PROVIDERS);

    private Backends() {}

    /** The names users may choose, in registration order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    public static TrainingBackend training(TrainSettings settings, GoalContext goal) {
        return provider(settings.common().backend(), "training").training(settings, goal);
    }

    public static BatchPredictionBackend batchPrediction(EvaluateSettings settings, GoalContext goal) {
        return provider(settings.common().backend(), "batch-prediction").batchPrediction(settings, goal);
    }

    public static EndpointBackend endpoints(EndpointSettings settings, GoalContext goal) {
        return provider(settings.common().backend(), "endpoint").endpoints(settings, goal);
    }

    public static List<Endpoint> listEndpoints(CommonSettings settings, GoalContext goal) {
        return provider(settings.backend(), "endpoint").listEndpoints(settings, goal);
    }

    /**
     * @param what the kind of backend asked for, for the message ({@code training}, {@code endpoint})
     * @throws ConfigurationException naming the value, the known backends and the nearest one
     */
    static BackendProvider provider(String name, String what) {
        BackendProvider provider = name == null ? null : BY_NAME.get(name.trim());
        if (provider == null) {
            throw new ConfigurationException("Unknown " + what + " backend '" + name + "'. Known backends: "
                    + String.join(", ", names()) + "." + NearestName.hint(name, names())
                    + " Set <backend> in the plugin configuration or pass -D" + MlopsProperties.BACKEND + "="
                    + DEFAULT + ".");
        }
        return provider;
    }

    private static Map<String, BackendProvider> byName(List<BackendProvider> providers) {
        Map<String, BackendProvider> map = new LinkedHashMap<>();
        providers.forEach(p -> {
            if (map.put(p.name(), p) != null) {
                throw new IllegalStateException("two backends are named " + p.name());
            }
        });
        return map;
    }
}
