package dev.mlops.runtime;

import java.nio.file.Path;
import java.util.Map;

/** What a training run is given, read from the {@code /opt/ml} tree (or the configured root). */
public interface TrainingContext {

    /**
     * A context over directories given directly, for a model's unit tests: {@code hyperparameters} are
     * strings, as SageMaker passes them, read through {@link MapHyperparameters}; {@link #channel} fails as in a
     * real run, naming the channels there are. The directories are used as they are (not created).
     */
    static TrainingContext of(Map<String, String> hyperparameters, Map<String, Path> channels, Path modelDir,
                              Path outputDir) {
        return of(hyperparameters, channels, modelDir, outputDir, Hosts.single());
    }

    /** As {@link #of(Map, Map, Path, Path)}, on one of several {@code hosts}: for unit tests of distributed training. */
    static TrainingContext of(Map<String, String> hyperparameters, Map<String, Path> channels, Path modelDir,
                              Path outputDir, Hosts hosts) {
        return new DirectoryTrainingContext(new MapHyperparameters(hyperparameters), channels, java.util.Optional.empty(),
                modelDir, outputDir, hosts);
    }

    /** From {@code input/config/hyperparameters.json}; SageMaker passes every value as a string. */
    Hyperparameters hyperparameters();

    /** Every channel under {@code input/data/}, by name. */
    Map<String, Path> channels();

    /**
     * The directory of one channel.
     *
     * @throws IllegalArgumentException naming the channels that do exist when it is missing
     */
    Path channel(String name);

    /** Where the trained model goes ({@code /opt/ml/model}); archived after training. */
    Path modelDir();

    /** Where other training output goes ({@code /opt/ml/output/data}). */
    Path outputDir();

    /**
     * The hosts of the run, from {@code input/config/resourceconfig.json}: on SageMaker with an instance count above
     * one, which host this is and all of them; the single host {@code algo-1} when the file is absent (a local run).
     * A default, so that a context written for a model's own tests needs no change.
     */
    default Hosts hosts() {
        return Hosts.single();
    }
}
