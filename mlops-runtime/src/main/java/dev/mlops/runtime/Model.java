package dev.mlops.runtime;

import java.nio.file.Path;

/**
 * What a model author implements: how to train the model and how to load it for prediction.
 *
 * <p>The runtime finds the implementation through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.mlops.runtime.Model} file naming the class), or through the
 * {@code MLOPS_MODEL_CLASS} environment variable when several are on the class path.
 */
public interface Model {

    /**
     * Trains the model from {@link TrainingContext#channel(String) the input channels} and writes
     * everything needed to predict into {@link TrainingContext#modelDir()}.
     *
     * <p>Throw an exception with a message a person can act on (name the file, line or
     * hyperparameter); the runtime writes it to {@code /opt/ml/output/failure} and exits non-zero.
     */
    void train(TrainingContext context) throws Exception;

    /** Loads what {@link #train} wrote into {@code modelDir} and returns a thread-safe predictor. */
    Predictor load(Path modelDir) throws Exception;
}
