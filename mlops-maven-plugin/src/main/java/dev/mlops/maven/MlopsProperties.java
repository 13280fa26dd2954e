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

    /** The field of a JSON record that holds its label. */
    public static final String LABEL_FIELD = "mlops.labelField";

    public static final String ENDPOINT = "mlops.endpoint";
    public static final String ENDPOINTS_DIRECTORY = "mlops.endpoints";
    public static final String DEPLOY_SKIP = "mlops.deploy.skip";
    public static final String DEPLOY_PORT = "mlops.deploy.port";
    public static final String DEPLOY_ALIAS = "mlops.deploy.alias";
    public static final String DEPLOY_ALLOW_REJECTED = "mlops.deploy.allowRejected";
    public static final String DEPLOY_SMOKE_RECORDS = "mlops.deploy.smokeRecords";
    public static final String DEPLOY_STARTUP_TIMEOUT = "mlops.deploy.startupTimeout";
    public static final String DEPLOY_JVM_ARGS = "mlops.deploy.jvmArgs";

    public static final String SERVE_PORT = "mlops.serve.port";

    private MlopsProperties() {}
}
