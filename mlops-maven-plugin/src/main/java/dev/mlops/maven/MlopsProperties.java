package dev.mlops.maven;

import dev.mlops.core.Setting;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every user property of the plugin, in one place: the CI templates pass their inputs as these. A
 * constant ending in {@code .} is a family ({@code mlops.channel.<name>}). {@link #NAMES} and
 * {@link #FAMILIES} are read from the constants, so that a new one is known to the unknown-property
 * warning without another list to keep.
 */
public final class MlopsProperties {

    public static final String SKIP = "mlops.skip";
    public static final String MODEL = "mlops.model";
    public static final String VERSION = "mlops.version";
    public static final String STORE = "mlops.store";
    public static final String OUTPUT_DIRECTORY = "mlops.outputDirectory";
    public static final String BACKEND = "mlops.backend";
    /** The AWS region of every AWS client; by default the SDK's chain. */
    public static final String AWS_REGION = "mlops.aws.region";
    /** {@code -Dmlops.aws.endpoint.<service>=<url>} overrides one AWS service's endpoint (s3, sagemaker, …). */
    public static final String AWS_ENDPOINT_PREFIX = "mlops.aws.endpoint.";
    /** The S3 endpoint (an S3-compatible store, a VPC endpoint): the same as {@code mlops.aws.endpoint.s3}. */
    public static final String S3_ENDPOINT = "mlops.s3.endpoint";

    /** {@code -Dmlops.channel.<name>=<directory>} adds or replaces a channel. */
    public static final String CHANNEL_PREFIX = "mlops.channel.";
    /** {@code -Dmlops.hyperparameter.<name>=<value>} adds or replaces a hyperparameter. */
    public static final String HYPERPARAMETER_PREFIX = "mlops.hyperparameter.";

    public static final String TRAIN_SKIP = "mlops.train.skip";
    public static final String TRAIN_JVM_ARGS = "mlops.train.jvmArgs";
    public static final String TRAIN_TIMEOUT = "mlops.train.timeout";

    /** The execution role SageMaker assumes for training (an IAM role ARN). */
    public static final String SAGEMAKER_ROLE = "mlops.sagemaker.role";
    public static final String SAGEMAKER_INSTANCE_TYPE = "mlops.sagemaker.instanceType";
    public static final String SAGEMAKER_INSTANCE_COUNT = "mlops.sagemaker.instanceCount";
    public static final String SAGEMAKER_VOLUME_SIZE_GB = "mlops.sagemaker.volumeSizeGb";
    public static final String SAGEMAKER_MAX_RUNTIME = "mlops.sagemaker.maxRuntime";
    public static final String SAGEMAKER_SPOT = "mlops.sagemaker.spot";
    /** With spot: the longest wait for capacity plus the run (at least the maximum runtime). */
    public static final String SAGEMAKER_MAX_WAIT = "mlops.sagemaker.maxWait";
    public static final String SAGEMAKER_SUBNETS = "mlops.sagemaker.subnets";
    public static final String SAGEMAKER_SECURITY_GROUPS = "mlops.sagemaker.securityGroups";
    /** Channels whose objects SageMaker splits across the instances ({@code ShardedByS3Key}). */
    public static final String SAGEMAKER_SHARDED_CHANNELS = "mlops.sagemaker.shardedChannels";
    /** Where a SageMaker job's channels, output and checkpoints are staged; by default the S3 store. */
    public static final String SAGEMAKER_S3_PREFIX = "mlops.sagemaker.s3Prefix";
    /** The first pause between two looks at a SageMaker job's status (growing to 30 s). */
    public static final String SAGEMAKER_POLL_INTERVAL = "mlops.sagemaker.pollInterval";

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
    public static final String DEPLOY_INVOCATION_TIMEOUT = "mlops.deploy.invocationTimeout";
    public static final String DEPLOY_MAX_PAYLOAD_MB = "mlops.deploy.maxPayloadMb";
    public static final String DEPLOY_LOCK_TIMEOUT = "mlops.deploy.lockTimeout";
    public static final String DEPLOY_STRATEGY = "mlops.deploy.strategy";
    public static final String DEPLOY_CANARY_PERCENT = "mlops.deploy.canaryPercent";
    public static final String DEPLOY_LINEAR_STEP_PERCENT = "mlops.deploy.linearStepPercent";
    public static final String DEPLOY_BAKING_PERIOD = "mlops.deploy.bakingPeriod";
    public static final String DEPLOY_MAX_ERROR_RATE = "mlops.deploy.maxErrorRate";
    public static final String DEPLOY_MAX_LATENCY_P99 = "mlops.deploy.maxLatencyP99";
    public static final String DEPLOY_ALARMS = "mlops.deploy.alarms";
    public static final String DEPLOY_SHADOW_VERSION = "mlops.deploy.shadowVersion";
    public static final String DEPLOY_DATA_CAPTURE_PERCENT = "mlops.deploy.dataCapturePercent";

    public static final String SERVE_PORT = "mlops.serve.port";
    /** The most bytes a model archive may unpack to, for every goal that unpacks one. */
    public static final String ARCHIVE_MAX_UNPACKED_BYTES = "mlops.archive.maxUnpackedBytes";
    /** The most entries (files and directories) a model archive may have. */
    public static final String ARCHIVE_MAX_ENTRIES = "mlops.archive.maxEntries";
    public static final String SERVE_HOST = "mlops.serve.host";
    public static final String EVALUATE_SKIP = "mlops.evaluate.skip";
    public static final String EVALUATE_TASK = "mlops.evaluate.task";
    /** The name of the channel that holds the test data (default {@code test}). */
    public static final String EVALUATE_CHANNEL = "mlops.evaluate.channel";
    public static final String EVALUATE_CSV_LABEL_COLUMN = "mlops.evaluate.csvLabelColumn";
    public static final String EVALUATE_CSV_HEADER = "mlops.evaluate.csvHeader";
    public static final String EVALUATE_POSITIVE_CLASS = "mlops.evaluate.positiveClass";
    public static final String EVALUATE_MAX_RECORDS_PER_REQUEST = "mlops.evaluate.maxRecordsPerRequest";
    public static final String EVALUATE_JVM_ARGS = "mlops.evaluate.jvmArgs";

    public static final String GATE_SKIP = "mlops.gate.skip";
    public static final String GATE_PRIMARY_METRIC = "mlops.gate.primaryMetric";
    public static final String GATE_DIRECTION = "mlops.gate.direction";
    public static final String GATE_MIN_IMPROVEMENT = "mlops.gate.minImprovement";
    /** {@code -Dmlops.gate.guard.<metric>=<tolerance>} adds or replaces a guard. */
    public static final String GATE_GUARD_PREFIX = "mlops.gate.guard.";
    /** {@code -Dmlops.gate.floor.<metric>=<minimum>} adds or replaces a floor. */
    public static final String GATE_FLOOR_PREFIX = "mlops.gate.floor.";
    /** {@code -Dmlops.gate.ceiling.<metric>=<maximum>} adds or replaces a ceiling. */
    public static final String GATE_CEILING_PREFIX = "mlops.gate.ceiling.";
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

    public static final String NOTIFY_SKIP = "mlops.notify.skip";
    /** A channel that fails fails the goal (by default it is a warning). */
    public static final String NOTIFY_STRICT = "mlops.notify.strict";
    /** How the pipeline went: success, failed or canceled (by default CI_JOB_STATUS, else the gate's verdict). */
    public static final String NOTIFY_STATUS = "mlops.notify.status";
    /** The channels to tell, by name (slack, merge-request, sns), comma-separated; by default every configured one. */
    public static final String NOTIFY_TO = "mlops.notify.to";
    public static final String NOTIFY_FAILED_STEP = "mlops.notify.failedStep";
    /** A file holding the Slack webhook URL (a GitLab file variable), instead of MLOPS_SLACK_WEBHOOK_URL. */
    public static final String NOTIFY_SLACK_WEBHOOK_FILE = "mlops.notify.slack.webhookFile";
    /** A file holding the GitLab token (api scope), instead of MLOPS_GITLAB_TOKEN. */
    public static final String NOTIFY_GITLAB_TOKEN_FILE = "mlops.notify.gitlab.tokenFile";
    /** The SNS topic to publish to (its ARN, in the AWS region); unset: no SNS message. */
    public static final String NOTIFY_SNS_TOPIC_ARN = "mlops.notify.sns.topicArn";

    /** Every property name above that is not a family. */
    public static final Set<String> NAMES;
    /** Every family prefix above, such as {@code mlops.channel.}. */
    public static final Set<String> FAMILIES;

    static {
        Set<String> names = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        for (Field field : MlopsProperties.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = constant(field);
                (value.endsWith(".") ? families : names).add(value);
            }
        }
        NAMES = Set.copyOf(names);
        FAMILIES = Set.copyOf(families);
    }

    /** Properties whose parameter is named otherwise than the last part of the property. */
    private static final Map<String, String> ELEMENTS = Map.of(ENDPOINTS_DIRECTORY, "endpointsDirectory",
            EVALUATE_CHANNEL, "testChannel", IMAGE_BASE, "baseImage", AWS_REGION, "awsRegion", S3_ENDPOINT, "s3Endpoint",
            NOTIFY_SLACK_WEBHOOK_FILE, "slackWebhookFile", NOTIFY_GITLAB_TOKEN_FILE, "gitlabTokenFile",
            NOTIFY_TO, "notifyTo", NOTIFY_SNS_TOPIC_ARN, "snsTopicArn");
    /** Families: the POM element that holds them ({@code <channels><train>}). */
    private static final Map<String, List<String>> FAMILY_ELEMENTS = Map.of(CHANNEL_PREFIX, List.of("channels"),
            HYPERPARAMETER_PREFIX, List.of("hyperparameters"), GATE_GUARD_PREFIX, List.of("gate", "guards"),
            GATE_FLOOR_PREFIX, List.of("gate", "floors"), GATE_CEILING_PREFIX, List.of("gate", "ceilings"),
            AWS_ENDPOINT_PREFIX, List.of("awsEndpoints"));
    /** Given for one run, never kept in the POM: messages name only their {@code -D} flag. */
    private static final Set<String> COMMAND_LINE_ONLY = Set.of(VERSION, GATE_SKIP, DEPLOY_ALLOW_REJECTED,
            NOTIFY_STATUS, NOTIFY_FAILED_STEP);

    private MlopsProperties() {}

    /** The user property of a core setting: {@code mlops.<key>}. */
    public static String property(Setting setting) {
        return "mlops." + setting.key();
    }

    /**
     * The POM elements that set {@code property}, outermost first: {@code mlops.deploy.port} is {@code <port>},
     * {@code mlops.gate.floor.accuracy} is {@code <gate><floors><accuracy>}, {@code mlops.train.skip} is
     * {@code <skipTrain>} (MlopsPropertiesTest checks this against every goal's parameters).
     */
    public static List<String> pomElements(String property) {
        for (Map.Entry<String, List<String>> family : FAMILY_ELEMENTS.entrySet()) {
            if (property.startsWith(family.getKey())) {
                return append(family.getValue(), property.substring(family.getKey().length()));
            }
        }
        if (ELEMENTS.containsKey(property)) {
            return List.of(ELEMENTS.get(property));
        }
        String[] parts = property.split("\\.");
        String last = parts[parts.length - 1];
        if (parts.length == 3 && last.equals("skip")) {
            return List.of("skip" + capitalized(parts[1]));
        }
        if (parts.length == 3 && (parts[1].equals("archive") || parts[1].equals("ecr") || parts[1].equals("sagemaker"))) {
            return List.of(parts[1] + capitalized(last));
        }
        return parts.length == 3 && parts[1].equals("gate") ? List.of("gate", last) : List.of(last);
    }

    /** Whether messages should name only the {@code -D} flag of {@code property}, as it is given per run. */
    public static boolean commandLineOnly(String property) {
        return COMMAND_LINE_ONLY.contains(property);
    }

    private static List<String> append(List<String> elements, String last) {
        List<String> all = new java.util.ArrayList<>(elements);
        all.add(last);
        return List.copyOf(all);
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** Whether some goal of the plugin reads {@code name}. */
    public static boolean known(String name) {
        return NAMES.contains(name)
                || FAMILIES.stream().anyMatch(family -> name.startsWith(family) && name.length() > family.length());
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
