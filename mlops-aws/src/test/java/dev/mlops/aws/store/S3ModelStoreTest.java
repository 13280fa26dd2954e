package dev.mlops.aws.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.AwsClients;
import dev.mlops.aws.testing.S3Proxy;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.store.ModelStoreContract;
import dev.mlops.core.store.VersionExistsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** What only the S3 store has: multipart uploads, orphaned archives, pagination, S3's errors, the IAM actions. */
class S3ModelStoreTest {

    private static final ModelName MODEL = new ModelName("spam");
    private static final long MIB = 1024 * 1024;
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static Path serverDir;
    private static S3Proxy proxy;
    private static S3Client s3;
    private static final List<String> CALLS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> CHECKSUMMED = Collections.synchronizedList(new ArrayList<>());

    @TempDir Path temp;
    private S3Location location;
    private S3ModelStore store;

    @BeforeAll
    static void startServer() throws Exception {
        serverDir = Files.createTempDirectory("s3-store");
        proxy = S3Proxy.start(serverDir);
        s3 = proxy.clients().s3(List.of(new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
                CALLS.add(operation);
                if (context.httpRequest().firstMatchingHeader("x-amz-checksum-sha256").isPresent()) {
                    CHECKSUMMED.add(operation);
                }
            }
        }));
        proxy.createBucket("models");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        dev.mlops.core.io.MoreFiles.deleteRecursively(serverDir);
    }

    @BeforeEach
    void newPrefix() {
        location = S3Location.parse("s3://models/store-test-" + PREFIXES.incrementAndGet());
        store = new S3ModelStore(location, s3, Clock.systemUTC(), S3ModelStore.MIN_PART_SIZE);
        CALLS.clear();
        CHECKSUMMED.clear();
    }

    @Test
    void aLargeArchiveIsUploadedInPartsEachCheckedByS3AndReadBackIntact() throws Exception {
        Path archive = randomFile(3 * S3ModelStore.MIN_PART_SIZE + 12345);
        store.publish(ModelStoreContract.manifest("1.0.0", "2026-11-25T10:00:00Z", archive), archive);

        assertEquals(4, Collections.frequency(CALLS, "UploadPart"), CALLS.toString());
        assertEquals(4, Collections.frequency(CHECKSUMMED, "UploadPart"), "every part carries its SHA-256 for S3 to check");
        assertTrue(CALLS.indexOf("CompleteMultipartUpload") < CALLS.lastIndexOf("PutObject"), "the manifest is written last: " + CALLS);
        assertTrue(head("models/spam/1.0.0/model.tar.gz").endsWith("-4\""), "one object of four parts");
        assertEquals(List.of(), openUploads());
        Path copy = temp.resolve("copy.tar.gz");
        store.copyArchive(MODEL, new ModelVersion("1.0.0"), copy);
        assertEquals(Fingerprints.sha256Of(archive), Fingerprints.sha256Of(copy));
    }

    @Test
    void anArchiveWhoseDigestIsNotTheManifestsIsNeverCompleted() throws Exception {
        Path archive = randomFile(2 * S3ModelStore.MIN_PART_SIZE + 1);
        Manifest lying = ModelStoreContract.manifest("1.0.0", "2026-11-25T10:00:00Z", archive)
                .withStatus(VersionStatus.CANDIDATE);
        Manifest other = Manifest.candidate("spam", "1.0.0", lying.createdAt(), null, "local", null, null, null,
                new Manifest.ModelArtifact("model.tar.gz", Files.size(archive), "0".repeat(64)));

        InfrastructureException e = assertThrows(InfrastructureException.class, () -> store.publish(other, archive));
        assertTrue(e.getMessage().contains(Fingerprints.sha256Of(archive)) && e.getMessage().contains("0".repeat(64)), e.getMessage());
        assertFalse(CALLS.contains("CompleteMultipartUpload"), CALLS.toString());
        assertTrue(CALLS.contains("AbortMultipartUpload"), CALLS.toString());
        assertEquals(List.of(), openUploads());
        assertEquals(List.of(), store.reservedOrStored(MODEL), "no object of the version exists");
    }

    @Test
    void aFreshArchiveWithoutManifestIsAnotherWritersAndIsNeverServed() throws Exception {
        putRaw("models/spam/1.0.0/model.tar.gz", "being stored by someone else");

        assertEquals(Optional.empty(), store.manifest(MODEL, new ModelVersion("1.0.0")));
        assertFalse(store.exists(MODEL, new ModelVersion("1.0.0")));
        assertEquals(List.of(), store.versions(MODEL));
        assertThrows(VersionExistsException.class, () -> publish(store, "1.0.0", "mine"));
        assertEquals("being stored by someone else", getRaw("models/spam/1.0.0/model.tar.gz"));
    }

    @Test
    void anArchiveLeftAloneForAnHourIsAKilledWritersAndIsReplaced() throws Exception {
        putRaw("models/spam/1.0.0/model.tar.gz", "left by a killed writer");
        S3ModelStore later = new S3ModelStore(location, s3, Clock.offset(Clock.systemUTC(), Duration.ofHours(2)),
                S3ModelStore.MIN_PART_SIZE);

        publish(later, "1.0.0", "mine");

        Path copy = temp.resolve("copy.tar.gz");
        later.copyArchive(MODEL, new ModelVersion("1.0.0"), copy);
        assertEquals("mine", Files.readString(copy));
    }

    @Test
    void aChangeRacingAnotherIsAppliedAgainOnTopOfItSoBothLand() throws Exception {
        publish(store, "1.0.0", "a");
        AtomicInteger calls = new AtomicInteger();
        Manifest result = store.update(MODEL, new ModelVersion("1.0.0"), m -> {
            if (calls.incrementAndGet() == 1) {
                // another writer changes another field between our read and our write
                CompletableFuture.runAsync(() -> store.update(MODEL, new ModelVersion("1.0.0"),
                        other -> other.withStatus(VersionStatus.REJECTED))).join();
            }
            return m.withMetrics(Map.of("f1", 0.9));
        });
        assertEquals(2, calls.get(), "our If-Match write was refused once, then applied to the other's result");
        Manifest stored = store.manifest(MODEL, new ModelVersion("1.0.0")).orElseThrow();
        assertEquals(result, stored);
        assertEquals(VersionStatus.REJECTED, stored.status());
        assertEquals(Map.of("f1", 0.9), stored.metrics());
    }

    @Test
    void fiveThousandVersionsAreListedAcrossPages() throws Exception {
        int count = 5000;
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                writes.add(writers.submit(() -> {
                    String version = "1." + (n / 100) + "." + (n % 100);
                    Manifest manifest = Manifest.candidate("spam", version,
                            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n).toString(), null, "local", null, null,
                            null, new Manifest.ModelArtifact("model.tar.gz", 1, "a".repeat(64)));
                    putRaw("models/spam/" + version + "/manifest.json", JsonFiles.toJson(manifest));
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdownNow();
        }
        CALLS.clear();

        List<Manifest> versions = store.versions(MODEL);

        assertEquals(count, versions.size());
        assertEquals("1.0.0", versions.get(0).version());
        assertEquals("1.49.99", versions.get(count - 1).version());
        assertTrue(Collections.frequency(CALLS, "ListObjectsV2") >= 5, "pages of at most 1,000 keys: " + Collections.frequency(CALLS, "ListObjectsV2"));
        assertEquals(count, store.reservedOrStored(MODEL).size());
    }

    @Test
    void refusedBucketNamesAreNamedBeforeAnyCall() {
        for (String bad : List.of("ab", "a".repeat(64), "My-Models", "my_models", "-models", "models-", "my..models",
                "192.168.1.10", "xn--models", "sthree-models", "models-s3alias", "models--ol-s3", "models.mrap",
                "models--x-s3", "")) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> S3ModelStore.open("s3://" + bad + "/prefix", proxy.clients()), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(ConfigurationException.class, () -> S3Location.parse("s3://models//x"));
        assertThrows(ConfigurationException.class, () -> S3Location.parse("s3://models/a/../b"));
        assertThrows(ConfigurationException.class, () -> S3Location.parse("gs://models/a"));
        assertEquals(List.of(), CALLS);
        assertEquals(new S3Location("my.models-1", "team/spam"), S3Location.parse("s3://my.models-1/team/spam/"));
        assertEquals("s3://123/", S3Location.parse("s3://123").describe());
    }

    @Test
    void aMissingBucketOrDeniedAccessIsAConfigurationErrorNamingBucketAndPrefixAndNoSecret() throws Exception {
        S3ModelStore missing = S3ModelStore.open("s3://no-such-bucket/team", proxy.clients());
        ConfigurationException e = assertThrows(ConfigurationException.class, missing::checkWritable);
        assertTrue(e.getMessage().contains("'no-such-bucket'") && e.getMessage().contains("s3://no-such-bucket/team/"),
                e.getMessage());

        String wrongSecret = "wrong-secret-sentinel-5d2e";
        AwsClients denied = new AwsClients(proxy.clientSettings(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAWRONGKEY", wrongSecret)));
        S3ModelStore refused = S3ModelStore.open("s3://models/team", denied);
        ConfigurationException d = assertThrows(ConfigurationException.class, refused::checkWritable);
        assertTrue(d.getMessage().contains("s3://models/team/") && d.getMessage().contains("403")
                && d.getMessage().contains("refused the AWS credentials"), d.getMessage());
        assertNoSecret(d, wrongSecret);
        assertNoSecret(assertThrows(ConfigurationException.class, () -> refused.versions(MODEL)), wrongSecret);

        store.checkWritable();
        assertEquals(List.of(), store.models(), "the probe object is gone");
    }

    @Test
    void anUnreachableServerIsAnInfrastructureErrorNamingTheLocation() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        AwsClients nowhere = new AwsClients(new AwsClients.Settings(Optional.of(S3Proxy.REGION),
                Map.of(AwsClients.Service.S3, java.net.URI.create("http://127.0.0.1:" + closed))),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY)));
        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> S3ModelStore.open("s3://models/team", nowhere).manifest(MODEL, new ModelVersion("1.0.0")));
        assertTrue(e.getMessage().contains("s3://models/team/models/spam/1.0.0/manifest.json"), e.getMessage());
        assertNoSecret(e, S3Proxy.SECRET_KEY);
    }

    @Test
    void everyCallTheStoreMakesIsInItsListOfOperations() throws Exception {
        Path big = randomFile(S3ModelStore.MIN_PART_SIZE + 1);
        store.checkWritable();
        store.publish(ModelStoreContract.manifest("1.0.0", "2026-11-25T10:00:00Z", big), big);
        publish(store, "1.1.0", "small");
        assertThrows(VersionExistsException.class, () -> publish(store, "1.1.0", "again"));
        assertThrows(MlopsException.class, () -> store.publish(Manifest.candidate("spam", "1.2.0", "2026-11-25T10:00:00Z",
                null, "local", null, null, null, new Manifest.ModelArtifact("model.tar.gz", 1, "0".repeat(64))), big));
        store.reserve(MODEL, new ModelVersion("2.0.0"));
        store.moveAlias(MODEL, "production", new ModelVersion("1.0.0"), Optional.empty(), Instant.now());
        store.update(MODEL, new ModelVersion("1.0.0"), m -> m.withStatus(VersionStatus.REJECTED));
        store.copyArchive(MODEL, new ModelVersion("1.0.0"), temp.resolve("c.tar.gz"));
        store.listing(MODEL);
        store.models();
        store.reservedOrStored(MODEL);
        store.aliases(MODEL);

        assertTrue(S3ModelStore.OPERATIONS.keySet().containsAll(CALLS),
                "called but not listed: " + CALLS.stream().filter(c -> !S3ModelStore.OPERATIONS.containsKey(c)).distinct().toList());
        assertEquals(List.of("s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"),
                S3ModelStore.IAM_ACTIONS);
        assertTrue(CHECKSUMMED.contains("PutObject"), "small objects carry their SHA-256 too");
    }

    private static void assertNoSecret(Exception e, String secret) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(secret), "secret in " + t);
            assertFalse(String.valueOf(t.getMessage()).contains(S3Proxy.SECRET_KEY), "secret in " + t);
        }
    }

    private void publish(S3ModelStore target, String version, String content) throws IOException {
        Path archive = Files.writeString(Files.createTempFile(temp, "archive", ".tar.gz"), content);
        target.publish(ModelStoreContract.manifest(version, "2026-11-25T10:00:00Z", archive), archive);
    }

    private Path randomFile(long size) throws IOException {
        Path file = Files.createTempFile(temp, "big", ".tar.gz");
        Random random = new Random(size);
        byte[] block = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    private void putRaw(String key, String content) {
        s3.putObject(b -> b.bucket("models").key(location.key(key)), RequestBody.fromString(content));
    }

    private String getRaw(String key) {
        return s3.getObjectAsBytes(b -> b.bucket("models").key(location.key(key))).asString(StandardCharsets.UTF_8);
    }

    private String head(String key) {
        return s3.headObject(b -> b.bucket("models").key(location.key(key))).eTag();
    }

    private List<String> openUploads() {
        return s3.listMultipartUploads(b -> b.bucket("models").prefix(location.prefix())).uploads().stream()
                .map(u -> u.key()).toList();
    }
}
