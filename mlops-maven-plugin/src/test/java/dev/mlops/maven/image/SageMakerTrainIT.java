package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.aws.testing.FakeSageMaker;
import dev.mlops.aws.testing.S3Proxy;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.MoreFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code mlops:train -Dmlops.backend=sagemaker} in real Maven builds of the sample: the image pushed by
 * {@code mlops:package} to a real registry, the store and the staging prefix in s3proxy, SageMaker and CloudWatch
 * Logs played by the journalled fake, which "runs" the job by putting the archive that a real local training of the
 * sample made where SageMaker writes {@code model.tar.gz}. Then evaluate (local backend) reads the stored version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SageMakerTrainIT {

    private static final String BUCKET = "mlops-sm-it";
    private static final String PREFIX = "team/registry";
    private static final String ROLE = "arn:aws:iam::123456789012:role/mlops-training";
    private static final String MODEL = "spam-classifier";

    private Path work;
    private Path sample;
    private S3Proxy proxy;
    private LocalRegistry registry;
    private String baseImage;
    private FakeSageMaker fake;

    @BeforeAll
    void start() throws Exception {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("sagemaker-train-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        proxy = S3Proxy.start(Files.createDirectories(work.resolve("s3")));
        proxy.createBucket(BUCKET);
        registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")), Optional.empty());
        baseImage = JlinkBaseImage.push(registry.host(), "base/jre", Files.createDirectories(work.resolve("base")), null, null);
        sample = SampleProject.copy(work.resolve("sample"));
        fake = FakeSageMaker.start(work.resolve("fake-sagemaker.jsonl"), S3Proxy.REGION.id(), List.of(S3Proxy.SECRET_KEY));
    }

    @AfterEach
    void noViolations() {
        assertEquals(List.of(), fake.violations(), "every request must satisfy SageMaker's documented constraints");
    }

    @AfterAll
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void trainOnSageMakerStoresTheJobsArchiveWithItsArnAndBillableSecondsAndEvaluateReadsIt() throws Exception {
        // the archive the fake's job "writes": the sample really trained, on this machine, into a store of its own
        Tools.Result local = SampleProject.mvn(sample, environment(), List.of("-Dmlops.store=" + work.resolve("local-store"),
                "-Dmlops.version=0.9.0", "mlops:train"));
        Files.writeString(work.resolve("local-train-build.log"), local.out());
        assertEquals(0, local.exit(), local.out());
        Path trained = work.resolve("local-store/models/" + MODEL + "/0.9.0/model.tar.gz");
        fake.runner((request, artifacts) -> {
            URI train = URI.create(request.path("InputDataConfig").get(0).path("DataSource").path("S3DataSource").path("S3Uri").asText());
            try (S3Client s3 = proxy.client()) {
                assertTrue(s3.listObjectsV2(b -> b.bucket(train.getHost()).prefix(train.getPath().substring(1))).keyCount() > 0,
                        "the channel is in S3 before the job runs");
                s3.putObject(b -> b.bucket(artifacts.getHost()).key(artifacts.getPath().substring(1)), trained);
            }
        });

        Tools.Result packaged = mvn("package", "-Dmlops.version=1.0.0", "-Dmlops.image=" + registry.host() + "/models/" + MODEL,
                "-Dmlops.image.base=" + baseImage, "-Dmlops.image.allowInsecureRegistries=true", "mlops:package");
        assertEquals(0, packaged.exit(), packaged.out());
        String digest = DotEnvFile.read(sample.resolve("target/mlops/mlops.env")).get("MLOPS_IMAGE_DIGEST");

        Tools.Result train = mvn("train", "-Dmlops.version=1.0.0", "mlops:train");
        assertEquals(0, train.exit(), train.out());
        assertTrue(train.out().contains("SageMaker training job 'spam-classifier-1-0-0'"), train.out());
        assertTrue(train.out().contains("InProgress / Training"), train.out());
        JsonNode manifest = manifest("1.0.0");
        assertEquals("sagemaker", manifest.path("backend").asText());
        assertEquals("arn:aws:sagemaker:us-east-1:123456789012:training-job/spam-classifier-1-0-0",
                manifest.path("trainingJob").path("id").asText(), manifest.toString());
        assertEquals(120, manifest.path("trainingJob").path("billableSeconds").asLong(), manifest.toString());
        assertEquals(0.125, manifest.path("trainingJob").path("finalMetrics").path("train:loss").asDouble(), manifest.toString());
        assertEquals(digest, manifest.path("imageDigest").asText());
        assertEquals(registry.host() + "/models/" + MODEL + "@" + digest,
                fake.createRequest("spam-classifier-1-0-0").path("AlgorithmSpecification").path("TrainingImage").asText());
        assertEquals(dev.mlops.core.io.Fingerprints.sha256Of(trained), manifest.path("artifact").path("sha256").asText(),
                "the job's archive, byte for byte");
        Files.writeString(work.resolve("aws-calls.txt"), String.join("\n", fake.operations()) + "\n");

        Tools.Result evaluate = mvn("evaluate", "-Dmlops.version=1.0.0", "mlops:evaluate");
        assertEquals(0, evaluate.exit(), evaluate.out());
        assertTrue(manifest("1.0.0").path("metrics").has("accuracy"), manifest("1.0.0").toString());
        for (Tools.Result build : List.of(train, evaluate)) {
            assertEquals(List.of(), BuildLog.leaks(List.of(build.out().split("\n")), List.of(S3Proxy.SECRET_KEY)));
        }
    }

    @Test
    void aRoleThatIsNotARoleArnFailsTheBuildNamingItAndNothingReachesSageMaker() throws Exception {
        int before = fake.journal().entries().size();
        Tools.Result build = mvn("bad-role", "-Dmlops.version=2.0.0", "-Dmlops.sagemaker.role=mlops-training", "mlops:train");
        assertTrue(build.exit() != 0 && build.out().contains("'mlops-training' is not an IAM role ARN")
                && build.out().contains("-Dmlops.sagemaker.role"), build.out());
        Tools.Result spot = mvn("bad-spot", "-Dmlops.version=2.0.0", "-Dmlops.sagemaker.spot=true",
                "-Dmlops.sagemaker.maxRuntime=PT2H", "-Dmlops.sagemaker.maxWait=PT1H", "mlops:train");
        assertTrue(spot.exit() != 0 && spot.out().contains("maximum wait PT1H is shorter") && spot.out().contains("-Dmlops.sagemaker.maxWait"),
                spot.out());
        assertEquals(before, fake.journal().entries().size(), "no request reached SageMaker");
    }

    private Tools.Result mvn(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-Dmlops.store=s3://" + BUCKET + "/" + PREFIX,
                "-Dmlops.s3.endpoint=" + proxy.endpoint(), "-Dmlops.aws.region=" + S3Proxy.REGION.id(),
                "-Dmlops.backend=sagemaker", "-Dmlops.sagemaker.role=" + ROLE,
                "-Dmlops.aws.endpoint.sagemaker=" + fake.endpoint(), "-Dmlops.aws.endpoint.logs=" + fake.endpoint(),
                "-Dmlops.sagemaker.pollInterval=PT0.2S"));
        if (name.equals("evaluate")) {
            command.set(3, "-Dmlops.backend=local"); // batch transform on SageMaker is issue 12
        }
        command.addAll(List.of(args));
        // later -D of the same name win: the bad-input builds override the role
        Tools.Result build = SampleProject.mvn(sample, environment(), command);
        Files.writeString(work.resolve(name + "-build.log"), build.out());
        return build;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(proxy.credentialsEnvironment());
        env.remove("AWS_REGION");
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("CI_PIPELINE_URL", "https://gitlab.example.com/team/spam/-/pipelines/4711");
        return env;
    }

    private JsonNode manifest(String version) throws Exception {
        try (S3Client s3 = proxy.client()) {
            return new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key(PREFIX + "/models/" + MODEL + "/" + version + "/manifest.json")).asByteArray());
        }
    }
}
