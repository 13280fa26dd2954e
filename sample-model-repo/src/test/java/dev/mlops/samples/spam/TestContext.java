package dev.mlops.samples.spam;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

import dev.mlops.runtime.Hyperparameters;
import dev.mlops.runtime.MapHyperparameters;
import dev.mlops.runtime.TrainingContext;

/**
 * A TrainingContext for unit tests: channels and hyperparameters given directly (as strings, as
 * SageMaker passes them), validated by the runtime's own {@link MapHyperparameters}.
 */
record TestContext(Map<String, String> hyper, Map<String, Path> channels, Path modelDir, Path outputDir)
        implements TrainingContext {

    @Override
    public Hyperparameters hyperparameters() {
        return new MapHyperparameters(hyper);
    }

    @Override
    public Path channel(String name) {
        Path p = channels.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no input channel '" + name + "'; the channels are " + new TreeSet<>(channels.keySet()));
        }
        return p;
    }
}
