package dev.mlops.aws.sagemaker;

import dev.mlops.aws.store.S3Location;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * How {@code sagemaker} trains: the execution role, the instances, the limits, spot, the VPC and where the
 * job's inputs, outputs and checkpoints are staged. {@link #check} refuses what SageMaker or S3 would refuse,
 * before any call is made.
 *
 * @param role the execution role SageMaker assumes (an IAM role ARN); empty: not set, refused by {@link #check}
 * @param maxWait with spot: how long to wait for spot capacity plus the run; at least {@code maxRuntime}
 * @param subnets with {@code securityGroups}: the job runs in this VPC
 * @param shardedChannels channels whose objects are split across instances ({@code ShardedByS3Key})
 * @param s3Prefix where channels, outputs and checkpoints are staged ({@code s3://bucket/prefix}); empty: the store's
 * @param pipelineUrl the CI pipeline that started the job, for its tags
 * @param pollInterval the first pause between two DescribeTrainingJob calls (it grows to at most 30 s)
 */
public record SageMakerTrainingSettings(Optional<String> role, String instanceType, int instanceCount, int volumeSizeGb,
        Duration maxRuntime, boolean spot, Optional<Duration> maxWait, List<String> subnets, List<String> securityGroups,
        Set<String> shardedChannels, Optional<String> s3Prefix, Optional<String> pipelineUrl, Duration pollInterval) {

    public static final Setting ROLE = new Setting("sagemaker.role");
    public static final Setting INSTANCE_TYPE = new Setting("sagemaker.instanceType");
    public static final Setting MAX_RUNTIME = new Setting("sagemaker.maxRuntime");
    public static final Setting SPOT = new Setting("sagemaker.spot");
    public static final Setting MAX_WAIT = new Setting("sagemaker.maxWait");
    public static final Setting SUBNETS = new Setting("sagemaker.subnets");
    public static final Setting SECURITY_GROUPS = new Setting("sagemaker.securityGroups");
    public static final Setting SHARDED_CHANNELS = new Setting("sagemaker.shardedChannels");
    public static final Setting S3_PREFIX = new Setting("sagemaker.s3Prefix");

    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.large";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    // CreateTrainingJob's RoleArn (API reference: 20 to 2048 characters)
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    // VpcConfig: Subnets 1-16, SecurityGroupIds 1-5, each [-0-9a-zA-Z]+ of at most 32
    private static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]{1,32}");

    public SageMakerTrainingSettings {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        shardedChannels = Set.copyOf(shardedChannels);
    }

    /** With the default poll interval. */
    public SageMakerTrainingSettings(Optional<String> role, String instanceType, int instanceCount, int volumeSizeGb,
            Duration maxRuntime, boolean spot, Optional<Duration> maxWait, List<String> subnets, List<String> securityGroups,
            Set<String> shardedChannels, Optional<String> s3Prefix, Optional<String> pipelineUrl) {
        this(role, instanceType, instanceCount, volumeSizeGb, maxRuntime, spot, maxWait, subnets, securityGroups,
                shardedChannels, s3Prefix, pipelineUrl, DEFAULT_POLL_INTERVAL);
    }

    /** What a training on SageMaker was configured with, checked; {@code store} is the model store's location. */
    public record Checked(SageMakerTrainingSettings settings, String role, S3Location staging) {}

    /** Refuses, naming the value and the fix, whatever SageMaker or S3 would refuse. */
    public Checked check(String store) {
        String arn = role.orElseThrow(() -> new ConfigurationException(Text.of("Training on SageMaker needs the execution"
                + " role SageMaker assumes: set ", ROLE.is("arn:aws:iam::123456789012:role/mlops-training"), ".")));
        if (arn.length() < 20 || arn.length() > 2048 || !ROLE_ARN.matcher(arn).matches()) {
            throw new ConfigurationException(Text.of("The execution role '" + arn + "' is not an IAM role ARN: set ",
                    ROLE.is("arn:aws:iam::ACCOUNT:role/NAME"), " (the role's ARN, not its name or a user's ARN)."));
        }
        if (TrainingInstanceType.fromValue(instanceType) == TrainingInstanceType.UNKNOWN_TO_SDK_VERSION) {
            throw new ConfigurationException(Text.of("The instance type '" + instanceType + "' is not one SageMaker trains"
                    + " on: set ", INSTANCE_TYPE.is(DEFAULT_INSTANCE_TYPE), " or another ml.* training instance type"
                    + nearest(instanceType) + "."));
        }
        if (maxWait.isPresent() && !spot) {
            throw new ConfigurationException(Text.of("A maximum wait (" + maxWait.get() + ") applies only to managed spot"
                    + " training: set ", SPOT.is(true), " or remove ", MAX_WAIT.any("duration"), "."));
        }
        if (spot && maxWait.isPresent() && maxWait.get().compareTo(maxRuntime) < 0) {
            throw new ConfigurationException(Text.of("The maximum wait " + maxWait.get() + " is shorter than the maximum"
                    + " runtime " + maxRuntime + "; SageMaker requires it to be at least as long: set ",
                    MAX_WAIT.is(maxRuntime.multipliedBy(2)), " or shorten ", MAX_RUNTIME.any("duration"), "."));
        }
        checkVpc();
        String location = s3Prefix.or(() -> Optional.ofNullable(store).filter(s -> s.regionMatches(true, 0, "s3://", 0, 5)))
                .orElseThrow(() -> new ConfigurationException(Text.of("Training on SageMaker stages its channels and"
                        + " output in S3, and the store '" + store + "' is not in S3: set ",
                        S3_PREFIX.is("s3://bucket/prefix"), " or ", Setting.STORE.is("s3://bucket/prefix"), ".")));
        S3Location staging;
        try {
            staging = S3Location.parse(location);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(Text.of(e.getMessage() + " (SageMaker's staging location: set ",
                    S3_PREFIX.any("s3://bucket/prefix"), ")"));
        }
        return new Checked(this, arn, staging);
    }

    private void checkVpc() {
        if (subnets.isEmpty() != securityGroups.isEmpty()) {
            throw new ConfigurationException(Text.of("A VPC needs both subnets and security groups: set ",
                    SUBNETS.any("subnet-0abc…"), " and ", SECURITY_GROUPS.any("sg-0abc…"), ", or neither."));
        }
        check(subnets, 16, SUBNETS, "subnet-0123456789abcdef0");
        check(securityGroups, 5, SECURITY_GROUPS, "sg-0123456789abcdef0");
    }

    private static void check(List<String> ids, int max, Setting setting, String example) {
        if (ids.size() > max) {
            throw new ConfigurationException(Text.of(ids.size() + " values given where SageMaker takes at most " + max
                    + ": shorten ", setting.any("list"), "."));
        }
        for (String id : ids) {
            if (!VPC_ID.matcher(id).matches()) {
                throw new ConfigurationException(Text.of("'" + id + "' is not a VPC resource id: set ", setting.is(example),
                        " (ids separated by commas)."));
            }
        }
    }

    private static String nearest(String given) {
        List<String> known = TrainingInstanceType.knownValues().stream().map(TrainingInstanceType::toString).sorted().toList();
        String family = given.lastIndexOf('.') > 0 ? given.substring(0, given.lastIndexOf('.') + 1) : given;
        List<String> sameFamily = known.stream().filter(k -> k.startsWith(family)).toList();
        return dev.mlops.core.io.NearestName.among(given, known).map(name -> " (did you mean '" + name + "'?)")
                .orElse(sameFamily.isEmpty() ? " (" + known.size() + " are known, e.g. ml.m5.xlarge, ml.c5.2xlarge, ml.g5.xlarge)"
                        : " (" + family + "*: " + String.join(", ", sameFamily) + ")");
    }
}
