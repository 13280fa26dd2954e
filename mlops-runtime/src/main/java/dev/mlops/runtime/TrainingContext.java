package dev.mlops.runtime;

import java.nio.file.Path;
import java.util.Map;

/** What a training run is given, read from the {@code /opt/ml} tree (or the configured root). */
public interface TrainingContext {

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
}
