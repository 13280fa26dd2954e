package dev.mlops.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The {@code /opt/ml} tree of SageMaker's container contract, rooted anywhere (the local backend
 * lays it out under a working directory).
 */
public record OptMl(Path root) {

    /** System property that moves the root; wins over {@link #ROOT_ENV}. */
    public static final String ROOT_PROPERTY = "mlops.ml.root";
    /** Environment variable that moves the root, when {@link #ROOT_PROPERTY} is not set. */
    public static final String ROOT_ENV = "MLOPS_ML_ROOT";
    /** Where SageMaker puts the tree in a container. */
    public static final Path DEFAULT_ROOT = Path.of("/opt/ml");

    /** Makes {@code root} absolute and normal, so that every path below is too. */
    public OptMl {
        root = root.toAbsolutePath().normalize();
    }

    /** The root from {@code -Dmlops.ml.root}, else {@code MLOPS_ML_ROOT}, else {@code /opt/ml}. */
    public static OptMl locate(Properties systemProperties, Map<String, String> env) {
        return new OptMl(nonBlank(systemProperties.getProperty(ROOT_PROPERTY))
                .or(() -> nonBlank(env.get(ROOT_ENV)))
                .map(Path::of)
                .orElse(DEFAULT_ROOT));
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    /** {@code input/config/hyperparameters.json}: one JSON object of string values; absent means none. */
    public Path hyperparametersFile() {
        return root.resolve("input/config/hyperparameters.json");
    }

    /** {@code input/config/resourceconfig.json}: the run's hosts ({@link Hosts}); absent means the single host {@code algo-1}. */
    public Path resourceConfigFile() {
        return root.resolve("input/config/resourceconfig.json");
    }

    /** Holds one subdirectory per channel. */
    public Path dataDir() {
        return root.resolve("input/data");
    }

    /** {@code model/}: what {@link Model#train} writes and {@link Model#load} reads. */
    public Path modelDir() {
        return root.resolve("model");
    }

    /** {@code output/}: the failure file, and {@code data/} for other output of training. */
    public Path outputDir() {
        return root.resolve("output");
    }

    /** {@code output/data/}: {@link TrainingContext#outputDir()}, for training output other than the model. */
    public Path outputDataDir() {
        return root.resolve("output/data");
    }

    /** SageMaker shows the first 1024 characters of this file as the job's failure reason. */
    public Path failureFile() {
        return root.resolve("output/failure");
    }
}
