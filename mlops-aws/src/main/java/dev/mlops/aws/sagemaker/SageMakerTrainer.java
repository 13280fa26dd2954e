package dev.mlops.aws.sagemaker;

import dev.mlops.aws.AwsClients;
import dev.mlops.aws.store.S3Location;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.train.TrainingBackend;
import dev.mlops.core.train.TrainingFailedException;
import dev.mlops.core.train.TrainingJob;
import dev.mlops.core.train.TrainingOutput;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.Channel;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.S3DataDistribution;
import software.amazon.awssdk.services.sagemaker.model.S3DataType;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;

/**
 * {@code sagemaker}: a SageMaker training job on the image mlops:package pushed. Channels are staged in S3 under
 * the version's prefix (unchanged files skipped) or read in place; the job's name comes from model and version,
 * so a retried build attaches to the job it started; the wait prints each status change and a line a minute,
 * and a build stopped meanwhile stops the job. On success the job's {@code model.tar.gz} is downloaded (streamed)
 * for the store; on failure nothing is.
 */
public final class SageMakerTrainer implements TrainingBackend {

    public static final String NAME = "sagemaker";
    static final String LOG_GROUP = "/aws/sagemaker/TrainingJobs";
    // CreateTrainingJob (API reference): at most 100 hyperparameters, keys of 256 and values of 2500 characters
    static final int MAX_HYPERPARAMETERS = 100;
    static final int MAX_HYPERPARAMETER_KEY = 256;
    static final int MAX_HYPERPARAMETER_VALUE = 2500;

    private final SageMakerTrainingSettings.Checked checked;
    private final AwsClients clients;
    private final Clock clock;
    private final JobWatch.Pacing pacing;
    private final JobWatch.Hooks hooks;

    /**
     * Checks the settings and the region before anything is called.
     *
     * @param store the model store's location: the default staging prefix when it is in S3
     */
    public SageMakerTrainer(SageMakerTrainingSettings settings, String store, AwsClients clients, Clock clock,
            JobWatch.Pacing pacing, JobWatch.Hooks hooks) {
        this.checked = settings.check(store);
        this.clients = clients;
        this.clock = clock;
        this.pacing = pacing;
        this.hooks = hooks;
        checkRegion(clients.settings());
    }

    public SageMakerTrainer(SageMakerTrainingSettings settings, String store, AwsClients clients, Clock clock) {
        this(settings, store, clients, clock, JobWatch.Pacing.startingAt(settings.pollInterval()), JobWatch.Hooks.RUNTIME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsRemoteChannels() {
        return true;
    }

    @Override
    public TrainingOutput train(TrainingJob job, MlopsEvents events) {
        SageMakerTrainingSettings settings = checked.settings();
        String image = image(job);
        checkHyperparameters(job.hyperparameters());
        Map<String, S3Location> remote = new TreeMap<>();
        job.remoteChannels().forEach((channel, uri) -> remote.put(channel, S3Channels.remote(channel, uri)));
        for (String sharded : settings.shardedChannels()) {
            if (!job.channels().containsKey(sharded) && !remote.containsKey(sharded)) {
                throw new ConfigurationException(Text.of("'" + sharded + "' is not a channel of this training (channels: "
                        + String.join(", ", allChannels(job)) + "): fix ", SageMakerTrainingSettings.SHARDED_CHANNELS.any("list"), "."));
            }
        }
        TrainingJobName name = TrainingJobName.of(job.model(), job.version());
        S3Location base = new S3Location(checked.staging().bucket(), checked.staging().key("training/" + job.model() + "/" + job.version()));
        events.info("SageMaker training job '" + name.value() + "' (from " + name.derivation() + "), staged in " + base.describe());

        try (S3Client s3 = clients.s3(); SageMakerClient sageMaker = clients.sageMaker(); CloudWatchLogsClient logs = clients.logs()) {
            S3Channels channels = new S3Channels(s3, events);
            Map<String, String> uris = new TreeMap<>();
            job.channels().forEach((channel, dir) -> {
                S3Location to = new S3Location(base.bucket(), base.key("input/" + channel));
                channels.upload(channel, dir, to);
                uris.put(channel, to.describe());
            });
            Map<String, DataFingerprint> remoteData = new TreeMap<>();
            remote.forEach((channel, at) -> {
                remoteData.put(channel, channels.fingerprint(channel, at));
                uris.put(channel, at.describe());
            });
            CreateTrainingJobRequest request = request(name.value(), job, image, uris, base);
            JobWatch watch = new JobWatch(sageMaker, logs, name.value(), clock, pacing, hooks, events);
            DescribeTrainingJobResponse done = watch.startOrAttach(request, settings);
            Path archive = download(s3, done.modelArtifacts().s3ModelArtifacts(), job.workDir());
            Map<String, Double> metrics = new LinkedHashMap<>();
            done.finalMetricDataList().forEach(m -> metrics.put(m.metricName(), m.value().doubleValue()));
            Manifest.TrainingJobRecord record = new Manifest.TrainingJobRecord(name.value(), done.trainingJobArn(),
                    done.trainingJobStatusAsString(), done.billableTimeInSeconds() == null ? null : done.billableTimeInSeconds().longValue(),
                    metrics);
            Duration took = done.trainingTimeInSeconds() == null ? Duration.ZERO : Duration.ofSeconds(done.trainingTimeInSeconds());
            return TrainingOutput.archived(archive, took, record, remoteData);
        }
    }

    private CreateTrainingJobRequest request(String name, TrainingJob job, String image, Map<String, String> uris, S3Location base) {
        SageMakerTrainingSettings settings = checked.settings();
        List<Channel> input = new ArrayList<>();
        uris.forEach((channel, uri) -> input.add(Channel.builder().channelName(channel).dataSource(d -> d.s3DataSource(s -> s
                .s3DataType(S3DataType.S3_PREFIX).s3Uri(uri)
                .s3DataDistributionType(settings.shardedChannels().contains(channel)
                        ? S3DataDistribution.SHARDED_BY_S3_KEY : S3DataDistribution.FULLY_REPLICATED))).build()));
        CreateTrainingJobRequest.Builder request = CreateTrainingJobRequest.builder()
                .trainingJobName(name)
                .roleArn(checked.role())
                .algorithmSpecification(a -> a.trainingImage(image).trainingInputMode(TrainingInputMode.FILE))
                .hyperParameters(job.hyperparameters())
                .inputDataConfig(input)
                .outputDataConfig(o -> o.s3OutputPath(new S3Location(base.bucket(), base.key("output")).describe()))
                .resourceConfig(r -> r.instanceType(settings.instanceType()).instanceCount(settings.instanceCount())
                        .volumeSizeInGB(settings.volumeSizeGb()))
                .stoppingCondition(s -> {
                    s.maxRuntimeInSeconds(seconds(settings.maxRuntime()));
                    if (settings.spot()) {
                        s.maxWaitTimeInSeconds(seconds(settings.maxWait().orElse(settings.maxRuntime())));
                    }
                })
                .tags(tags(job));
        if (settings.spot()) {
            request.enableManagedSpotTraining(true)
                    .checkpointConfig(c -> c.s3Uri(new S3Location(base.bucket(), base.key("checkpoints")).describe()));
        }
        if (!settings.subnets().isEmpty()) {
            request.vpcConfig(v -> v.subnets(settings.subnets()).securityGroupIds(settings.securityGroups()));
        }
        return request.build();
    }

    private List<Tag> tags(TrainingJob job) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlops/model", job.model());
        tags.put("mlops/version", job.version());
        job.gitCommit().ifPresent(c -> tags.put("mlops/commit", c));
        checked.settings().pipelineUrl().ifPresent(u -> tags.put("mlops/pipeline", u));
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(TagValues.of(v)).build()));
        return list;
    }

    /** The pushed image, by digest; a tarball or no image at all is refused. */
    private static String image(TrainingJob job) {
        var packaged = job.image().orElseThrow(() -> new ConfigurationException(Text.of("SageMaker trains on the image of"
                + " version " + job.version() + ", and none was packaged for it: run ", Goal.PACKAGE, " with ",
                Setting.IMAGE_TARGET.is("ecr"), " (or registry) for this version first, in the same build or pipeline.")));
        if (!packaged.pushed()) {
            throw new ConfigurationException(Text.of("The image of version " + job.version() + " was written to the tarball "
                    + packaged.image() + ", which SageMaker cannot pull: package it with ", Setting.IMAGE_TARGET.is("ecr"),
                    " (or registry) so that it is pushed."));
        }
        return packaged.byDigest();
    }

    private static void checkHyperparameters(Map<String, String> hyperparameters) {
        if (hyperparameters.size() > MAX_HYPERPARAMETERS) {
            throw new ConfigurationException("SageMaker takes at most " + MAX_HYPERPARAMETERS + " hyperparameters, and "
                    + hyperparameters.size() + " are given.");
        }
        hyperparameters.forEach((key, value) -> {
            if (key.length() > MAX_HYPERPARAMETER_KEY || value.length() > MAX_HYPERPARAMETER_VALUE) {
                throw new ConfigurationException(Text.of("Hyperparameter '" + abbreviated(key) + "' is longer than SageMaker"
                        + " takes (names " + MAX_HYPERPARAMETER_KEY + ", values " + MAX_HYPERPARAMETER_VALUE
                        + " characters): shorten ", Setting.hyperparameter(key).any("value"), "."));
            }
        });
    }

    private static void checkRegion(AwsClients.Settings aws) {
        Region region;
        try {
            region = aws.resolvedRegion();
        } catch (SdkException e) {
            throw new ConfigurationException(Text.of("No AWS region for SageMaker: set ", new Setting("aws.region").is("eu-west-1"),
                    " or AWS_REGION."));
        }
        if (!Region.regions().contains(region)) {
            throw new ConfigurationException(Text.of("'" + region.id() + "' is not an AWS region this SDK knows: set ",
                    new Setting("aws.region").is("eu-west-1"), " to one of " + Region.regions().size() + " regions such as"
                    + " us-east-1, eu-west-1, ap-southeast-2."));
        }
    }

    private static Path download(S3Client s3, String artifacts, Path workDir) {
        URI uri = URI.create(artifacts);
        Path archive = workDir.resolve("model.tar.gz");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot prepare " + archive + ": " + e.getMessage(), e);
        }
        s3.getObject(b -> b.bucket(uri.getHost()).key(uri.getPath().substring(1)), ResponseTransformer.toFile(archive));
        return archive;
    }

    private static List<String> allChannels(TrainingJob job) {
        List<String> all = new ArrayList<>(job.channels().keySet());
        all.addAll(job.remoteChannels().keySet());
        return all.stream().sorted().toList();
    }

    private static int seconds(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toSeconds()));
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    static boolean ended(TrainingJobStatus status) {
        return status == TrainingJobStatus.COMPLETED || status == TrainingJobStatus.FAILED || status == TrainingJobStatus.STOPPED;
    }
}
