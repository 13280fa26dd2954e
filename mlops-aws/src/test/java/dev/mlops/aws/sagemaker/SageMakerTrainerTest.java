package dev.mlops.aws.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.aws.AwsClients;
import dev.mlops.aws.testing.FakeSageMaker;
import dev.mlops.aws.testing.S3Proxy;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.train.TrainingFailedException;
import dev.mlops.core.train.TrainingJob;
import dev.mlops.core.train.TrainingOutput;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SageMaker trainer against the fake SageMaker + CloudWatch Logs (WireMock, journalled, constraint-checked) and a
 * real S3 (s3proxy): the happy path, a retried build that attaches, failures with their reason and log lines,
 * a build stopped meanwhile, throttling and 500s, and the inputs refused before any call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerTrainerTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/mlops-training";
    static final String BUCKET = "mlops-sm";
    static final MlopsEnv.PackagedImage IMAGE = new MlopsEnv.PackagedImage(
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/spam:1.0.0", "sha256:" + "ab".repeat(32), true);

    private S3Proxy proxy;
    private FakeSageMaker fake;
    private Path work;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startS3(@TempDir Path dir) throws Exception {
        proxy = S3Proxy.start(dir.resolve("s3"));
        proxy.createBucket(BUCKET);
    }

    @AfterAll
    void stopS3() throws Exception {
        proxy.close();
    }

    @BeforeEach
    void startFake(TestInfo test, @TempDir Path dir) {
        work = dir;
        Path journal = Path.of("target/fake-sagemaker", test.getTestMethod().orElseThrow().getName() + ".jsonl");
        fake = FakeSageMaker.start(journal, "us-east-1", List.of(S3Proxy.SECRET_KEY));
        fake.runner(this::writeModel);
        lines.clear();
        hooks.clear();
    }

    @AfterEach
    void stopFake() throws Exception {
        fake.close();
        assertEquals(List.of(), fake.violations(), "every request must satisfy SageMaker's documented constraints");
        for (String line : Files.readAllLines(fake.journal().file())) {
            assertFalse(line.contains(S3Proxy.SECRET_KEY) || line.toLowerCase().contains("\"authorization\""), line);
        }
    }

    @Test
    void trainsUploadsChannelsAndHandsBackTheJobsArchiveArnAndBillableSeconds() throws Exception {
        TrainingOutput output = trainer(settings(), Pacing.instant()).train(job("1.0.0"), events());

        assertEquals(List.of("CreateTrainingJob", "DescribeTrainingJob", "DescribeTrainingJob", "DescribeTrainingJob",
                "DescribeTrainingJob", "DescribeTrainingJob"), fake.operations());
        Path archive = output.modelArchive().orElseThrow();
        Path unpacked = work.resolve("unpacked");
        TarGz.extract(archive, unpacked);
        assertEquals("trained on 2 files", Files.readString(unpacked.resolve("model.txt")));
        var record = output.job().orElseThrow();
        assertEquals("arn:aws:sagemaker:us-east-1:123456789012:training-job/spam-1-0-0", record.id());
        assertEquals(120L, record.billableSeconds());
        assertEquals(Map.of("train:loss", 0.125), record.finalMetrics());
        assertEquals("Completed", record.status());

        JsonNode request = fake.createRequest("spam-1-0-0");
        assertEquals(IMAGE.byDigest(), request.path("AlgorithmSpecification").path("TrainingImage").asText());
        assertEquals(ROLE, request.path("RoleArn").asText());
        assertEquals("ml.m5.large", request.path("ResourceConfig").path("InstanceType").asText());
        assertEquals(30, request.path("ResourceConfig").path("VolumeSizeInGB").asInt());
        assertEquals(86400, request.path("StoppingCondition").path("MaxRuntimeInSeconds").asInt());
        assertFalse(request.has("EnableManagedSpotTraining") || request.has("CheckpointConfig") || request.has("VpcConfig"));
        assertEquals("3", request.path("HyperParameters").path("epochs").asText());
        assertEquals("s3://" + BUCKET + "/store/training/spam/1.0.0/input/train/",
                request.path("InputDataConfig").get(0).path("DataSource").path("S3DataSource").path("S3Uri").asText());
        assertEquals("FullyReplicated", request.path("InputDataConfig").get(0).path("DataSource").path("S3DataSource")
                .path("S3DataDistributionType").asText());
        assertEquals(Set.of("mlops/model=spam", "mlops/version=1.0.0", "mlops/commit=0123abcd",
                "mlops/pipeline=https://gitlab.example.com/team/spam/-/pipelines/42_ref=main"), tags(request));
        assertTrue(lines.stream().anyMatch(l -> l.contains("InProgress / Downloading") && l.contains("Downloading input data")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("Channel 'train': 2 file(s) uploaded")), lines.toString());
        try (S3Client s3 = proxy.client()) {
            assertEquals(2, s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("store/training/spam/1.0.0/input/train/")).keyCount());
        }
    }

    @Test
    void aRetriedBuildUploadsNothingAndAttachesToTheJobItStarted() {
        trainer(settings(), Pacing.instant()).train(job("1.1.0"), events());
        lines.clear();
        TrainingOutput again = trainer(settings(), Pacing.instant()).train(job("1.1.0"), events());

        assertEquals(1, fake.jobNames().size(), "one job, never a second");
        assertTrue(lines.stream().anyMatch(l -> l.contains("0 file(s) uploaded") && l.contains("2 already there")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("exists already (Completed): attaching")), lines.toString());
        assertEquals(120L, again.job().orElseThrow().billableSeconds());
    }

    @Test
    void aJobCreatedWhileTheClientSawA500AndFinishedWhileItRetriedIsAttachedTo() {
        fake.fault("CreateTrainingJob", FakeSageMaker.Fault.SERVER_ERROR_AFTER_APPLYING)
                // the job moves on while the client backs off: it completes during the second call's retries
                .fault("DescribeTrainingJob", FakeSageMaker.Fault.THROTTLE, FakeSageMaker.Fault.SERVER_ERROR,
                        FakeSageMaker.Fault.SERVER_ERROR, FakeSageMaker.Fault.NONE, FakeSageMaker.Fault.SERVER_ERROR,
                        FakeSageMaker.Fault.SERVER_ERROR);
        TrainingOutput output = trainer(settings(), Pacing.instant()).train(job("1.2.0"), events());

        List<String> calls = fake.operations();
        assertEquals(List.of("CreateTrainingJob", "CreateTrainingJob"), calls.subList(0, 2), "the SDK retried the 500");
        assertTrue(lines.stream().anyMatch(l -> l.contains("attaching")), lines.toString());
        assertEquals("Completed", output.job().orElseThrow().status());
        assertEquals(1, fake.jobNames().size());
        assertEquals(2 + 6 + 1, calls.size(), "2 creates, 4 + 3 describe attempts, nothing else: " + calls);
        assertFalse(lines.stream().anyMatch(l -> l.contains("Uploading")), "the job went from Training to Completed unseen");
    }

    @Test
    void aFailedJobFailsTheTrainingWithItsReasonAndTheLastLinesOfItsLog() {
        fake.outcome(FakeSageMaker.Outcome.FAILS).failingWith("AlgorithmError: no training data in channel train",
                List.of("line 1", "java.lang.IllegalStateException: no data"));
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> trainer(settings(), Pacing.instant()).train(job("1.3.0"), events()));

        assertTrue(e.getMessage().contains("AlgorithmError: no training data in channel train"), e.getMessage());
        assertTrue(e.getMessage().contains("/aws/sagemaker/TrainingJobs spam-1-3-0/algo-1-"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.IllegalStateException: no data"), e.getMessage());
        assertTrue(fake.operations().containsAll(List.of("DescribeLogStreams", "GetLogEvents")), fake.operations().toString());
    }

    @Test
    void aRetryOfAFailedJobIsRefusedNamingTheNewVersionToTrain() {
        fake.outcome(FakeSageMaker.Outcome.FAILS);
        assertThrows(TrainingFailedException.class, () -> trainer(settings(), Pacing.instant()).train(job("1.4.0"), events()));
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> trainer(settings(), Pacing.instant()).train(job("1.4.0"), events()));
        assertTrue(e.getMessage().contains("ended Failed before this build") && e.getMessage().contains("new version"), e.getMessage());
    }

    @Test
    void aStoppedBuildStopsTheJobAndSaysSoWithALineAtLeastEveryMinute() {
        fake.outcome(FakeSageMaker.Outcome.RUNS_UNTIL_STOPPED);
        MutableClock clock = new MutableClock();
        int[] sleeps = {0};
        JobWatch.Pacing pacing = new JobWatch.Pacing(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofHours(1), d -> {
                    clock.advance(Duration.ofSeconds(25));
                    if (++sleeps[0] == 8) {
                        hooks.forEach(Runnable::run); // what the JVM does on SIGTERM
                    }
                });
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> trainer(settings(), pacing, clock).train(job("1.5.0"), events()));

        assertTrue(e.getMessage().contains("was stopped (this build asked it to stop)"), e.getMessage());
        assertTrue(fake.operations().contains("StopTrainingJob"), fake.operations().toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("Stopping SageMaker training job 'spam-1-5-0'")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("still InProgress / Training")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("Stopped / Stopped")), lines.toString());
    }

    @Test
    void spotVpcAndShardedChannelsGoIntoTheRequest() {
        SageMakerTrainingSettings spot = new SageMakerTrainingSettings(Optional.of(ROLE), "ml.c5.2xlarge", 2, 50,
                Duration.ofHours(2), true, Optional.of(Duration.ofHours(4)), List.of("subnet-0a1b2c3d"), List.of("sg-0a1b2c3d"),
                Set.of("train"), Optional.empty(), Optional.empty());
        TrainingOutput output = trainer(spot, Pacing.instant()).train(job("2.0.0"), events());

        JsonNode request = fake.createRequest("spam-2-0-0");
        assertTrue(request.path("EnableManagedSpotTraining").asBoolean());
        assertEquals(14400, request.path("StoppingCondition").path("MaxWaitTimeInSeconds").asInt());
        assertEquals(7200, request.path("StoppingCondition").path("MaxRuntimeInSeconds").asInt());
        assertEquals("s3://" + BUCKET + "/store/training/spam/2.0.0/checkpoints/", request.path("CheckpointConfig").path("S3Uri").asText());
        assertEquals("subnet-0a1b2c3d", request.path("VpcConfig").path("Subnets").get(0).asText());
        assertEquals(2, request.path("ResourceConfig").path("InstanceCount").asInt());
        assertEquals("ShardedByS3Key", request.path("InputDataConfig").get(0).path("DataSource").path("S3DataSource")
                .path("S3DataDistributionType").asText());
        assertEquals(48L, output.job().orElseThrow().billableSeconds(), "spot bills less than it ran");
    }

    @Test
    void anS3ChannelIsReadInPlaceAndFingerprintedByItsETagsAndSizes() throws Exception {
        try (S3Client s3 = proxy.client()) {
            s3.putObject(b -> b.bucket(BUCKET).key("datasets/spam/2026-12/part-0.jsonl"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("{\"text\":\"win\",\"label\":\"spam\"}\n"));
        }
        TrainingJob job = new TrainingJob("spam", "3.0.0", Map.of(), Map.of("train", URI.create("s3://" + BUCKET + "/datasets/spam/2026-12")),
                Map.of(), work.resolve("train"), Optional.empty(), Optional.of(IMAGE));
        TrainingOutput output = trainer(settings(), Pacing.instant()).train(job, events());

        DataFingerprint data = output.remoteData().get("train");
        assertEquals("s3://" + BUCKET + "/datasets/spam/2026-12/", data.location());
        assertEquals(1, data.files());
        assertEquals(DataFingerprint.S3_ETAGS, data.digestOf());
        assertEquals("s3://" + BUCKET + "/datasets/spam/2026-12/", fake.createRequest("spam-3-0-0").path("InputDataConfig")
                .get(0).path("DataSource").path("S3DataSource").path("S3Uri").asText());
    }

    // --- bad input: refused before any call -------------------------------------------------------------------

    @Test
    void anUnknownInstanceTypeIsRefusedBeforeAnyCall() {
        refused(s -> with(s, "ml.m5.huge", s.maxWait(), s.spot()), "'ml.m5.huge'", "ml.m5.xlarge");
        refused(s -> with(s, "ml.m5.larg", s.maxWait(), s.spot()), "'ml.m5.larg'", "did you mean 'ml.m5.large'");
    }

    @Test
    void aRoleThatIsNotAnIamRoleArnIsRefusedBeforeAnyCall() {
        refused(s -> new SageMakerTrainingSettings(Optional.of("mlops-training"), s.instanceType(), 1, 30, s.maxRuntime(), false,
                Optional.empty(), List.of(), List.of(), Set.of(), s.s3Prefix(), Optional.empty()), "'mlops-training'", "IAM role ARN");
        refused(s -> new SageMakerTrainingSettings(Optional.of("arn:aws:iam::123456789012:user/ci"), s.instanceType(), 1, 30,
                s.maxRuntime(), false, Optional.empty(), List.of(), List.of(), Set.of(), s.s3Prefix(), Optional.empty()), "user/ci", "role");
    }

    @Test
    void aBucketNameS3WouldRefuseIsRefusedBeforeAnyCall() {
        refused(s -> new SageMakerTrainingSettings(s.role(), s.instanceType(), 1, 30, s.maxRuntime(), false, Optional.empty(),
                List.of(), List.of(), Set.of(), Optional.of("s3://Team_Data/x"), Optional.empty()), "'Team_Data'", "staging");
    }

    @Test
    void spotWithAMaximumWaitShorterThanTheMaximumRuntimeIsRefusedBeforeAnyCall() {
        refused(s -> with(s, s.instanceType(), Optional.of(Duration.ofHours(1)), true), "PT1H", "at least as long");
    }

    @Test
    void aRegionThatDoesNotExistIsRefusedBeforeAnyCall() {
        AwsClients clients = clients(Optional.of(Region.of("eu-middle-7")));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new SageMakerTrainer(settings(), "s3://" + BUCKET + "/store", clients, Clock.systemUTC()));
        assertTrue(e.getMessage().contains("'eu-middle-7'"), e.getMessage());
        assertEquals(List.of(), fake.journal().entries());
    }

    @Test
    void anImageNotPushedOrNotPackagedIsRefusedBeforeAnyCall() {
        TrainingJob tarball = new TrainingJob("spam", "1.0.0", channel(), Map.of(), Map.of(), work.resolve("t"), Optional.empty(),
                Optional.of(new MlopsEnv.PackagedImage("/builds/spam/target/mlops/image.tar", IMAGE.digest(), false)));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> trainer(settings(), Pacing.instant()).train(tarball, events()));
        assertTrue(e.getMessage().contains("/builds/spam/target/mlops/image.tar") && e.getMessage().contains("image.target"), e.getMessage());
        TrainingJob none = new TrainingJob("spam", "1.0.0", channel(), Map.of(), Map.of(), work.resolve("t"), Optional.empty(), Optional.empty());
        e = assertThrows(ConfigurationException.class, () -> trainer(settings(), Pacing.instant()).train(none, events()));
        assertTrue(e.getMessage().contains("none was packaged"), e.getMessage());
        assertEquals(List.of(), fake.journal().entries());
    }

    @Test
    void aModelNameTooLongForTheJobNameIsRefusedSayingHowTheNameIsDerived() {
        String model = "spam-classifier-for-the-whole-organisation-and-its-partners";
        TrainingJob job = new TrainingJob(model, "1.0.0", channel(), Map.of(), Map.of(), work.resolve("t"), Optional.empty(), Optional.of(IMAGE));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> trainer(settings(), Pacing.instant()).train(job, events()));
        assertTrue(e.getMessage().contains("MODEL-VERSION") && e.getMessage().contains(model.length() + " characters"), e.getMessage());
        assertEquals(List.of(), fake.journal().entries());
    }

    @Test
    void aHyperparameterValueLongerThanSageMakerTakesIsRefusedBeforeAnyCall() {
        TrainingJob job = new TrainingJob("spam", "1.0.0", channel(), Map.of(), Map.of("vocabulary", "w".repeat(2501)),
                work.resolve("t"), Optional.empty(), Optional.of(IMAGE));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> trainer(settings(), Pacing.instant()).train(job, events()));
        assertTrue(e.getMessage().contains("'vocabulary'") && e.getMessage().contains("2500"), e.getMessage());
        assertEquals(List.of(), fake.journal().entries());
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private void refused(Function<SageMakerTrainingSettings, SageMakerTrainingSettings> change, String... words) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> trainer(change.apply(settings()), Pacing.instant()));
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), e.getMessage());
        }
        assertEquals(List.of(), fake.journal().entries(), "nothing reached SageMaker");
    }

    private static SageMakerTrainingSettings with(SageMakerTrainingSettings s, String type, Optional<Duration> maxWait, boolean spot) {
        return new SageMakerTrainingSettings(s.role(), type, s.instanceCount(), s.volumeSizeGb(), s.maxRuntime(), spot, maxWait,
                s.subnets(), s.securityGroups(), s.shardedChannels(), s.s3Prefix(), s.pipelineUrl());
    }

    static SageMakerTrainingSettings settings() {
        return new SageMakerTrainingSettings(Optional.of(ROLE), "ml.m5.large", 1, 30, Duration.ofDays(1), false, Optional.empty(),
                List.of(), List.of(), Set.of(), Optional.empty(), Optional.of("https://gitlab.example.com/team/spam/-/pipelines/42?ref=main"));
    }

    private SageMakerTrainer trainer(SageMakerTrainingSettings settings, JobWatch.Pacing pacing) {
        return trainer(settings, pacing, Clock.systemUTC());
    }

    private SageMakerTrainer trainer(SageMakerTrainingSettings settings, JobWatch.Pacing pacing, Clock clock) {
        return new SageMakerTrainer(settings, "s3://" + BUCKET + "/store", clients(Optional.of(Region.US_EAST_1)), clock, pacing,
                hook -> {
                    hooks.add(hook);
                    return () -> hooks.remove(hook);
                });
    }

    private AwsClients clients(Optional<Region> region) {
        return new AwsClients(new AwsClients.Settings(region, Map.of(AwsClients.Service.S3, proxy.endpoint(),
                AwsClients.Service.SAGEMAKER, fake.endpoint(), AwsClients.Service.LOGS, fake.endpoint())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY)));
    }

    private Map<String, Path> channel() {
        try {
            Path train = Files.createDirectories(work.resolve("data/train"));
            Files.writeString(train.resolve("a.jsonl"), "{\"text\":\"win money\",\"label\":\"spam\"}\n");
            Files.createDirectories(train.resolve("more"));
            Files.writeString(train.resolve("more/b.jsonl"), "{\"text\":\"lunch?\",\"label\":\"ham\"}\n");
            return Map.of("train", train);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TrainingJob job(String version) {
        return new TrainingJob("spam", version, channel(), Map.of(), Map.of("epochs", "3"), work.resolve("train-" + version),
                Optional.of("0123abcd"), Optional.of(IMAGE));
    }

    // the fake's "training": count the uploaded channel's objects, write a model archive where SageMaker would
    private void writeModel(JsonNode request, URI artifacts) throws Exception {
        String input = request.path("InputDataConfig").get(0).path("DataSource").path("S3DataSource").path("S3Uri").asText();
        URI in = URI.create(input);
        try (S3Client s3 = proxy.client()) {
            int files = s3.listObjectsV2(b -> b.bucket(in.getHost()).prefix(in.getPath().substring(1))).keyCount();
            Path model = Files.createDirectories(work.resolve("model-" + System.nanoTime()));
            Files.writeString(model.resolve("model.txt"), "trained on " + files + " files");
            Path archive = work.resolve("model-" + System.nanoTime() + ".tar.gz");
            TarGz.archive(model, archive);
            s3.putObject(b -> b.bucket(artifacts.getHost()).key(artifacts.getPath().substring(1)), archive);
        }
    }

    private static Set<String> tags(JsonNode request) {
        Set<String> tags = new java.util.TreeSet<>();
        request.path("Tags").forEach(t -> tags.add(t.path("Key").asText() + "=" + t.path("Value").asText()));
        return tags;
    }

    private MlopsEvents events() {
        return new MlopsEvents() {
            @Override public void info(String message) { lines.add(message); }
            @Override public void warn(String message) { lines.add(message); }
            @Override public void debug(String message) {}
            @Override public void processOutput(String line) { lines.add(line); }
        };
    }

    static final class Pacing {
        static JobWatch.Pacing instant() {
            return new JobWatch.Pacing(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1), d -> { });
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-02T15:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
