package dev.mlops.maven;

import dev.mlops.core.io.GitRevision;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.core.train.TrainingReport;
import dev.mlops.core.train.TrainingRequest;
import dev.mlops.core.train.TrainingService;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.SettingsReader;
import dev.mlops.maven.settings.TrainSettings;
import dev.mlops.maven.wiring.Backends;
import dev.mlops.maven.wiring.GoalContext;
import dev.mlops.aws.sagemaker.SageMakerTrainingSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Trains the model on the chosen backend ({@code local}: a forked JVM on this machine; {@code sagemaker}: a
 * SageMaker training job on the image mlops:package pushed) and stores
 * it, with a manifest, as a new candidate version. Writes {@code target/mlops/training.json} and adds
 * to {@code target/mlops/mlops.env}.
 */
@Mojo(name = "train", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class TrainMojo extends AbstractModelMojo {

    /** The version to store the model as; a development version ({@code 0.0.0-dev.<time>}) when not set. */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /**
     * Hyperparameters handed to the model as strings. Add or replace one with
     * {@code -Dmlops.hyperparameter.<name>=<value>}.
     */
    @Parameter
    Map<String, String> hyperparameters;

    /** Extra arguments for the local training JVM, e.g. {@code -Xmx2g}. */
    @Parameter(property = MlopsProperties.TRAIN_JVM_ARGS)
    String jvmArgs;

    /** How long local training may run (ISO-8601 duration). */
    @Parameter(property = MlopsProperties.TRAIN_TIMEOUT, defaultValue = "PT2H")
    String timeout;

    /** {@code sagemaker}: the execution role SageMaker assumes (an IAM role ARN such as {@code arn:aws:iam::123456789012:role/mlops-training}). */
    @Parameter(property = MlopsProperties.SAGEMAKER_ROLE)
    String sagemakerRole;

    /** {@code sagemaker}: the training instance type. */
    @Parameter(property = MlopsProperties.SAGEMAKER_INSTANCE_TYPE, defaultValue = SageMakerTrainingSettings.DEFAULT_INSTANCE_TYPE)
    String sagemakerInstanceType = SageMakerTrainingSettings.DEFAULT_INSTANCE_TYPE; // the defaults also for a Mojo made by hand

    /** {@code sagemaker}: how many instances train (the model reads {@code current_host} and {@code hosts}). */
    @Parameter(property = MlopsProperties.SAGEMAKER_INSTANCE_COUNT, defaultValue = "1")
    String sagemakerInstanceCount = "1";

    /** {@code sagemaker}: each instance's storage volume, in GB. */
    @Parameter(property = MlopsProperties.SAGEMAKER_VOLUME_SIZE_GB, defaultValue = "30")
    String sagemakerVolumeSizeGb = "30";

    /** {@code sagemaker}: how long the job may train (ISO-8601 duration); SageMaker stops it then. */
    @Parameter(property = MlopsProperties.SAGEMAKER_MAX_RUNTIME, defaultValue = "P1D")
    String sagemakerMaxRuntime = "P1D";

    /** {@code sagemaker}: managed spot training, with checkpoints under the staging prefix. */
    @Parameter(property = MlopsProperties.SAGEMAKER_SPOT, defaultValue = "false")
    boolean sagemakerSpot;

    /** {@code sagemaker} with spot: the longest wait for capacity plus the run (at least the maximum runtime). */
    @Parameter(property = MlopsProperties.SAGEMAKER_MAX_WAIT)
    String sagemakerMaxWait;

    /** {@code sagemaker}: the VPC subnets to train in, separated by commas (with security groups). */
    @Parameter(property = MlopsProperties.SAGEMAKER_SUBNETS)
    String sagemakerSubnets;

    /** {@code sagemaker}: the VPC security groups, separated by commas (with subnets). */
    @Parameter(property = MlopsProperties.SAGEMAKER_SECURITY_GROUPS)
    String sagemakerSecurityGroups;

    /** {@code sagemaker}: channels whose objects are split across the instances ({@code ShardedByS3Key}), separated by commas. */
    @Parameter(property = MlopsProperties.SAGEMAKER_SHARDED_CHANNELS)
    String sagemakerShardedChannels;

    /** {@code sagemaker}: where channels, output and checkpoints are staged ({@code s3://bucket/prefix}); by default the S3 store. */
    @Parameter(property = MlopsProperties.SAGEMAKER_S3_PREFIX)
    String sagemakerS3Prefix;

    /** {@code sagemaker}: the first pause between two looks at the job's status (ISO-8601; it grows to 30 s). */
    @Parameter(property = MlopsProperties.SAGEMAKER_POLL_INTERVAL, defaultValue = "PT5S")
    String sagemakerPollInterval = "PT5S";

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.TRAIN_SKIP, defaultValue = "false")
    boolean skipTrain;

    @Override
    protected String goal() {
        return "train";
    }

    @Override
    protected boolean skipGoal() {
        return reader().flag(MlopsProperties.TRAIN_SKIP, skipTrain);
    }

    @Override
    protected void run() {
        TrainSettings settings = settings();
        GoalContext goal = goalContext(modelStore(settings.common()), "[train] ");
        TrainingService service = new TrainingService(goal.store(), Backends.training(settings, goal), clock(), goal.events());
        TrainingReport report = service.train(settings.request());
        getLog().info("Model archive: " + report.modelUri());
    }

    TrainSettings settings() {
        SettingsReader read = reader();
        CommonSettings common = commonSettings();
        Map<String, Path> local = new LinkedHashMap<>();
        Map<String, URI> remote = new LinkedHashMap<>();
        channelLocations().forEach((name, location) -> {
            if (location != null && location.trim().regionMatches(true, 0, "s3://", 0, 5)) {
                remote.put(name, URI.create(location.trim()));
            } else {
                local.put(name, baseDir().resolve(location == null ? "" : location).normalize());
            }
        });
        TrainingRequest request = new TrainingRequest(common.model(), requestedVersion(version), local, remote,
                read.map(MlopsProperties.HYPERPARAMETER_PREFIX, hyperparameters), common.outputDir(),
                GitRevision.of(ci(), baseDir()), Optional.of(baseDir()));
        return new TrainSettings(common, request, new LocalTrainingBackend.Settings(
                modelJvm(read.list(MlopsProperties.TRAIN_JVM_ARGS, jvmArgs)), read.duration(MlopsProperties.TRAIN_TIMEOUT, timeout)),
                sagemaker(read));
    }

    private SageMakerTrainingSettings sagemaker(SettingsReader read) {
        return new SageMakerTrainingSettings(read.optional(MlopsProperties.SAGEMAKER_ROLE, sagemakerRole),
                read.optional(MlopsProperties.SAGEMAKER_INSTANCE_TYPE, sagemakerInstanceType).orElse(SageMakerTrainingSettings.DEFAULT_INSTANCE_TYPE),
                read.integer(MlopsProperties.SAGEMAKER_INSTANCE_COUNT, sagemakerInstanceCount, 1, 100),
                read.integer(MlopsProperties.SAGEMAKER_VOLUME_SIZE_GB, sagemakerVolumeSizeGb, 1, 16384),
                read.duration(MlopsProperties.SAGEMAKER_MAX_RUNTIME, sagemakerMaxRuntime),
                read.flag(MlopsProperties.SAGEMAKER_SPOT, sagemakerSpot),
                read.optional(MlopsProperties.SAGEMAKER_MAX_WAIT, sagemakerMaxWait)
                        .map(w -> read.duration(MlopsProperties.SAGEMAKER_MAX_WAIT, sagemakerMaxWait)),
                read.names(MlopsProperties.SAGEMAKER_SUBNETS, sagemakerSubnets),
                read.names(MlopsProperties.SAGEMAKER_SECURITY_GROUPS, sagemakerSecurityGroups),
                Set.copyOf(read.names(MlopsProperties.SAGEMAKER_SHARDED_CHANNELS, sagemakerShardedChannels)),
                read.optional(MlopsProperties.SAGEMAKER_S3_PREFIX, sagemakerS3Prefix), ci().pipeline().url(),
                read.duration(MlopsProperties.SAGEMAKER_POLL_INTERVAL, sagemakerPollInterval));
    }
}
