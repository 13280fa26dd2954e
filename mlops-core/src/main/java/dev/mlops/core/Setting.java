package dev.mlops.core;

import java.util.Objects;

/**
 * A setting the user gives, by its neutral key: {@code store}, {@code deploy.port}, {@code channel.train}. The
 * core names settings in its messages only through these; an adapter spells them (the Maven plugin: the
 * {@code mlops.<key>} property and its POM element, from its one constants class).
 *
 * @param key dotted, without any adapter's prefix; a family's member is {@code <family>.<name>}
 */
public record Setting(String key) implements Text.Part {

    public static final Setting MODEL = new Setting("model");
    public static final Setting VERSION = new Setting("version");
    public static final Setting STORE = new Setting("store");
    public static final Setting BACKEND = new Setting("backend");
    public static final Setting ENDPOINT = new Setting("endpoint");
    public static final Setting LABEL_FIELD = new Setting("labelField");

    public static final Setting TRAIN_TIMEOUT = new Setting("train.timeout");

    public static final Setting DEPLOY_PORT = new Setting("deploy.port");
    public static final Setting DEPLOY_ALLOW_REJECTED = new Setting("deploy.allowRejected");
    public static final Setting DEPLOY_MAX_PAYLOAD_MB = new Setting("deploy.maxPayloadMb");
    public static final Setting DEPLOY_STRATEGY = new Setting("deploy.strategy");
    public static final Setting DEPLOY_CANARY_PERCENT = new Setting("deploy.canaryPercent");
    public static final Setting DEPLOY_LINEAR_STEP_PERCENT = new Setting("deploy.linearStepPercent");
    public static final Setting DEPLOY_BAKING_PERIOD = new Setting("deploy.bakingPeriod");
    public static final Setting DEPLOY_MAX_ERROR_RATE = new Setting("deploy.maxErrorRate");
    public static final Setting DEPLOY_MAX_LATENCY_P99 = new Setting("deploy.maxLatencyP99");
    public static final Setting DEPLOY_ALARMS = new Setting("deploy.alarms");
    public static final Setting DEPLOY_SHADOW_VERSION = new Setting("deploy.shadowVersion");
    public static final Setting DEPLOY_DATA_CAPTURE_PERCENT = new Setting("deploy.dataCapturePercent");

    public static final Setting ARCHIVE_MAX_UNPACKED_BYTES = new Setting("archive.maxUnpackedBytes");
    public static final Setting ARCHIVE_MAX_ENTRIES = new Setting("archive.maxEntries");

    public static final Setting EVALUATE_TASK = new Setting("evaluate.task");
    public static final Setting EVALUATE_CSV_LABEL_COLUMN = new Setting("evaluate.csvLabelColumn");
    public static final Setting EVALUATE_CSV_HEADER = new Setting("evaluate.csvHeader");
    public static final Setting EVALUATE_POSITIVE_CLASS = new Setting("evaluate.positiveClass");

    public static final Setting GATE_SKIP = new Setting("gate.skip");
    public static final Setting GATE_PRIMARY_METRIC = new Setting("gate.primaryMetric");
    public static final Setting GATE_DIRECTION = new Setting("gate.direction");

    public static final Setting IMAGE = new Setting("image");
    public static final Setting IMAGE_TARGET = new Setting("image.target");
    public static final Setting IMAGE_BASE = new Setting("image.base");
    public static final Setting IMAGE_SERVER_ID = new Setting("image.serverId");
    public static final Setting IMAGE_ALLOW_INSECURE = new Setting("image.allowInsecureRegistries");
    public static final Setting ECR_CREATE_REPOSITORY = new Setting("ecr.createRepository");

    public static final Setting NOTIFY_STRICT = new Setting("notify.strict");
    public static final Setting NOTIFY_STATUS = new Setting("notify.status");
    public static final Setting NOTIFY_FAILED_STEP = new Setting("notify.failedStep");
    public static final Setting NOTIFY_SLACK_WEBHOOK_FILE = new Setting("notify.slack.webhookFile");
    public static final Setting NOTIFY_GITLAB_TOKEN_FILE = new Setting("notify.gitlab.tokenFile");

    /** Families: one setting per name ({@code channel.train}, {@code gate.floor.accuracy}). */
    public static final String CHANNEL = "channel";
    public static final String HYPERPARAMETER = "hyperparameter";
    public static final String GATE_GUARD = "gate.guard";
    public static final String GATE_FLOOR = "gate.floor";
    public static final String GATE_CEILING = "gate.ceiling";

    public Setting {
        Objects.requireNonNull(key, "key");
    }

    /** The data channel {@code name} ({@code train}, {@code test}, …): a directory. */
    public static Setting channel(String name) {
        return member(CHANNEL, name);
    }

    public static Setting hyperparameter(String name) {
        return member(HYPERPARAMETER, name);
    }

    /** One member of a family, e.g. {@code member(GATE_FLOOR, "accuracy")}. */
    public static Setting member(String family, String name) {
        return new Setting(family + "." + name);
    }

    /** The family this setting belongs to, when its key starts with one of the families above. */
    public java.util.Optional<String> family() {
        return java.util.stream.Stream.of(CHANNEL, HYPERPARAMETER, GATE_GUARD, GATE_FLOOR, GATE_CEILING)
                .filter(f -> key.startsWith(f + ".") && key.length() > f.length() + 1)
                .findFirst();
    }

    /** This setting with a value that would fix things, e.g. {@code EVALUATE_TASK.is("regression")}. */
    public Value is(Object value) {
        return new Value(this, String.valueOf(value), false);
    }

    /** This setting with a value the user chooses, described by {@code what}: {@code VERSION.any("version")}. */
    public Value any(String what) {
        return new Value(this, what, true);
    }

    /**
     * A setting and the value to give it.
     *
     * @param placeholder true when {@code text} describes the value to choose rather than being it
     */
    public record Value(Setting setting, String text, boolean placeholder) implements Text.Part {}
}
