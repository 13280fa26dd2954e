package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.aws.testing.S3Proxy;
import dev.mlops.core.io.MoreFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Real Maven builds of the sample with the store in S3 ({@code -Dmlops.store=s3://…} and
 * {@code -Dmlops.s3.endpoint} pointing at s3proxy, its own process on 127.0.0.1): {@code mlops:train} (at
 * {@code -X}), {@code mlops:evaluate} and {@code mlops:status} read and write the bucket, with the file store's
 * layout under the prefix, and the credentials reach no build log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StoreIT {

    private static final String BUCKET = "mlops-it";
    private static final String PREFIX = "team/registry";

    private Path work;
    private Path sample;
    private S3Proxy proxy;

    @BeforeAll
    void startS3AndCopyTheSample() throws Exception {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("s3-store-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        proxy = S3Proxy.start(Files.createDirectories(work.resolve("s3")));
        proxy.createBucket(BUCKET);
        sample = SampleProject.copy(work.resolve("sample"));
    }

    @AfterAll
    void stopS3() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void trainEvaluateAndStatusWorkOnTheS3StoreAndNoCredentialIsLogged() throws Exception {
        Tools.Result train = mvn("train", "-X", "-Dmlops.version=1.0.0", "mlops:train");
        assertEquals(0, train.exit(), train.out());
        assertEquals(Set.of("models/spam-classifier/1.0.0/manifest.json", "models/spam-classifier/1.0.0/model.tar.gz"),
                objects(), "the file store's layout under the prefix, and nothing else (no probe object left)");
        assertEquals("candidate", manifest().path("status").asText());
        assertTrue(train.out().contains("s3://" + BUCKET + "/" + PREFIX + "/"), "the build names where it stored the model");

        Tools.Result evaluate = mvn("evaluate", "-Dmlops.version=1.0.0", "mlops:evaluate");
        assertEquals(0, evaluate.exit(), evaluate.out());
        JsonNode evaluated = manifest();
        assertEquals("approved-by-gate", evaluated.path("status").asText(), evaluated.toString());
        assertTrue(evaluated.path("metrics").has("accuracy"), evaluated.toString());

        Tools.Result status = mvn("status", "mlops:status");
        assertEquals(0, status.exit(), status.out());
        assertTrue(status.out().contains("1.0.0") && status.out().contains("approved-by-gate"), status.out());

        // the secret is in the environment: only maven-resources-plugin's -X dump of it may show it
        for (Tools.Result build : List.of(train, evaluate, status)) {
            assertEquals(List.of(), BuildLog.leaks(BuildLog.withoutResourcesPluginEnvironmentDump(build.out()),
                    List.of(S3Proxy.SECRET_KEY)));
        }
        assertTrue(train.out().contains("[DEBUG]"), "the train build ran at debug level");
    }

    @Test
    void aBucketNameS3WouldRefuseFailsTheBuildNamingItAndStoresNothing() throws Exception {
        Tools.Result build = SampleProject.mvn(sample, environment(), List.of("-Dmlops.store=s3://Team_Models/x",
                "-Dmlops.s3.endpoint=" + proxy.endpoint(), "-Dmlops.aws.region=" + S3Proxy.REGION.id(), "mlops:status"));
        Files.writeString(work.resolve("bad-bucket-build.log"), build.out());
        assertTrue(build.exit() != 0 && build.out().contains("BUILD FAILURE") && build.out().contains("'Team_Models'"),
                build.out());
    }

    private Tools.Result mvn(String name, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("-Dmlops.store=s3://" + BUCKET + "/" + PREFIX,
                "-Dmlops.s3.endpoint=" + proxy.endpoint(), "-Dmlops.aws.region=" + S3Proxy.REGION.id()));
        command.addAll(List.of(args));
        Tools.Result build = SampleProject.mvn(sample, environment(), command);
        Files.writeString(work.resolve(name + "-build.log"), build.out());
        return build;
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(proxy.credentialsEnvironment());
        env.remove("AWS_REGION"); // the region comes from -Dmlops.aws.region
        // nothing of this machine's AWS set-up
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return env;
    }

    private Set<String> objects() {
        Set<String> keys = new TreeSet<>();
        try (S3Client s3 = proxy.client()) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
                assertTrue(object.key().startsWith(PREFIX + "/"), object.key());
                keys.add(object.key().substring(PREFIX.length() + 1));
            }
        }
        return keys;
    }

    private JsonNode manifest() throws Exception {
        try (S3Client s3 = proxy.client()) {
            return new ObjectMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(BUCKET)
                    .key(PREFIX + "/models/spam-classifier/1.0.0/manifest.json")).asByteArray());
        }
    }
}
