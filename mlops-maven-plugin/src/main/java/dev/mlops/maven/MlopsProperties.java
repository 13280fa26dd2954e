package dev.mlops.maven;

/** Every user property of the plugin, in one place: the CI templates pass their inputs as these. */
public final class MlopsProperties {

    public static final String SKIP = "mlops.skip";
    public static final String MODEL = "mlops.model";
    public static final String VERSION = "mlops.version";
    public static final String STORE = "mlops.store";
    public static final String OUTPUT_DIRECTORY = "mlops.outputDirectory";
    public static final String BACKEND = "mlops.backend";

    /** {@code -Dmlops.channel.<name>=<directory>} adds or replaces a channel. */
    public static final String CHANNEL_PREFIX = "mlops.channel.";
    /** {@code -Dmlops.hyperparameter.<name>=<value>} adds or replaces a hyperparameter. */
    public static final String HYPERPARAMETER_PREFIX = "mlops.hyperparameter.";

    public static final String TRAIN_SKIP = "mlops.train.skip";
    public static final String TRAIN_JVM_ARGS = "mlops.train.jvmArgs";
    public static final String TRAIN_TIMEOUT = "mlops.train.timeout";

    public static final String VERSION_SKIP = "mlops.version.skip";

    public static final String PACKAGE_SKIP = "mlops.package.skip";
    public static final String IMAGE = "mlops.image";
    public static final String IMAGE_TARGET = "mlops.image.target";
    public static final String IMAGE_BASE = "mlops.image.base";
    public static final String IMAGE_SERVER_ID = "mlops.image.serverId";
    public static final String IMAGE_ALLOW_INSECURE = "mlops.image.allowInsecureRegistries";
    public static final String IMAGE_TAR_FILE = "mlops.image.tarFile";
    public static final String IMAGE_JVM_FLAGS = "mlops.image.jvmFlags";
    public static final String IMAGE_SOURCE = "mlops.image.source";
    public static final String ECR_CREATE_REPOSITORY = "mlops.ecr.createRepository";
    public static final String ECR_ENDPOINT = "mlops.ecr.endpoint";

    private MlopsProperties() {}
}
