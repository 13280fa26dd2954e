package dev.mlops.core.deploy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.evaluate.RecordLayout;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.testmodels.WordCountModel;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deploy, call, replace, roll back and fail, over real processes and real HTTP. */
class DeploymentServiceTest {

    private static final ModelName MODEL = new ModelName("word-count");
    private static final String ENDPOINT = "word-count";

    @TempDir Path temp;
    private FileModelStore store;
    private LocalEndpointBackend backend;
    private DeploymentService service;

    @BeforeEach
    void storeWithVersions() throws Exception {
        store = new FileModelStore(temp.resolve("store"));
        publish("1.0.0", "10", VersionStatus.APPROVED_BY_GATE, "2026-11-25T10:00:00Z");
        publish("1.1.0", "11", VersionStatus.APPROVED_BY_GATE, "2026-11-25T11:00:00Z");
        publish("1.2.0", "-1", VersionStatus.APPROVED_BY_GATE, "2026-11-25T12:00:00Z"); // loads, cannot predict
        publish("1.3.0", "13", VersionStatus.REJECTED, "2026-11-25T13:00:00Z");
        Files.createDirectories(temp.resolve("data/test"));
        Files.writeString(temp.resolve("data/test/t.jsonl"), "{\"label\":\"x\",\"text\":\"a\"}\n{\"label\":\"y\",\"text\":\"b\"}\n");

        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> classpath = Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ModelJvm model = new ModelJvm(java, classpath, List.of("-Xmx64m"),
                Map.of("MLOPS_MODEL_CLASS", WordCountModel.class.getName()));
        backend = new LocalEndpointBackend(new LocalEndpointBackend.Settings(temp.resolve("endpoints"), model,
                new ModelJvm(java, classpath, List.of(), Map.of()), 0, Duration.ofSeconds(30),
                LocalEndpointBackend.Settings.DEFAULT_INVOCATION_TIMEOUT, LocalEndpointBackend.Settings.DEFAULT_MAX_PAYLOAD_MB,
                LocalEndpointBackend.Settings.DEFAULT_LOCK_TIMEOUT, TarGz.Limits.DEFAULT), store, Clock.systemUTC());
        service = new DeploymentService(store, backend, Clock.systemUTC(), MlopsEvents.NONE);
    }

    @AfterEach
    void noStrayProcesses() {
        if (backend.find(ENDPOINT).isPresent()) {
            service.undeploy(ENDPOINT, temp.resolve("target"));
        }
        assertEquals(List.of(), backend.list());
    }

    @Test
    void deployCallReplaceAndRollBack() throws Exception {
        DeployReport first = service.deploy(request(Optional.of("1.0.0"), false));
        URI url = first.endpoint().url();
        assertTrue(first.changed());
        assertTrue(backend.find(ENDPOINT).orElseThrow().healthy(), "the endpoint answers /ping through its router");
        assertTrue(invoke(url).contains("10.0"), invoke(url));
        assertEquals("1.0.0", store.alias(MODEL, "production").orElseThrow().version());
        assertEquals(url.toString(), DotEnvFile.read(temp.resolve("target/mlops.env")).get("MLOPS_ENDPOINT_URL"));

        DeployReport second = service.deploy(request(Optional.of("1.1.0"), false));
        assertEquals(url, second.endpoint().url(), "the endpoint's address does not change");
        assertEquals(Optional.of("1.0.0"), second.replaced());
        assertTrue(invoke(url).contains("11.0"), invoke(url));
        assertEquals(List.of("1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());

        DeployReport again = service.deploy(request(Optional.of("1.1.0"), false));
        assertFalse(again.changed(), "the version already serving is not deployed again");

        DeployReport rolledBack = service.rollback(request(Optional.empty(), false)).orElseThrow();
        assertEquals("1.0.0", rolledBack.endpoint().version());
        assertTrue(invoke(url).contains("10.0"), invoke(url));
        assertEquals("1.0.0", store.alias(MODEL, "production").orElseThrow().version());
        assertTrue(store.manifest(MODEL, new ModelVersion("1.0.0")).orElseThrow().audit().stream()
                .anyMatch(a -> a.action().equals("rolled-back-to")));
        assertEquals(1, backend.list().size());
    }

    @Test
    void aFailedSmokeTestLeavesTheOldVersionServingAndTheAliasWhereItWas() throws Exception {
        URI url = service.deploy(request(Optional.of("1.0.0"), false)).endpoint().url();
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> service.deploy(request(Optional.of("1.2.0"), false)));
        assertTrue(e.getMessage().contains("smoke test of 1.2.0 failed") && e.getMessage().contains("still serves 1.0.0"),
                e.getMessage());
        assertTrue(invoke(url).contains("10.0"), "the old version still answers");
        assertEquals("1.0.0", backend.find(ENDPOINT).orElseThrow().version());
        assertEquals("1.0.0", store.alias(MODEL, "production").orElseThrow().version());
        try (var deployments = Files.list(temp.resolve("endpoints/word-count/deployments"))) {
            assertEquals(1, deployments.count(), "the failed deployment was cleaned up");
        }
    }

    @Test
    void theDefaultIsTheNewestApprovedVersionAndRejectedOnesNeedAnOverride() throws Exception {
        // 1.2.0 is the newest approved one, and it fails the smoke test
        assertThrows(DeploymentException.class, () -> service.deploy(request(Optional.empty(), false)));

        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> service.deploy(request(Optional.of("1.3.0"), false)));
        assertTrue(refused.text().values().contains(Setting.DEPLOY_ALLOW_REJECTED.is(true)), refused.getMessage());
        assertFalse(backend.find(ENDPOINT).isPresent());

        service.deploy(request(Optional.of("1.3.0"), true));
        assertTrue(store.manifest(MODEL, new ModelVersion("1.3.0")).orElseThrow().audit().stream()
                .anyMatch(a -> a.action().equals("deployed-despite-gate")));

        // a gate skipped on evaluation (gate.skip, recorded) needs no second override
        store.update(MODEL, new ModelVersion("1.1.0"), m -> m.withStatus(VersionStatus.REJECTED)
                .withAudit(new Manifest.AuditEntry("2026-11-25T14:00:00Z", "gate-skipped", "f1 below floor", "ci")));
        assertEquals("1.1.0", service.deploy(request(Optional.of("1.1.0"), false)).endpoint().version());
    }

    @Test
    void rollbackWithoutAPreviousVersionChangesNothing() {
        assertTrue(service.rollback(request(Optional.empty(), false)).isEmpty());
        service.deploy(request(Optional.of("1.0.0"), false));
        assertTrue(service.rollback(request(Optional.empty(), false)).isEmpty());
        assertEquals("1.0.0", backend.find(ENDPOINT).orElseThrow().version());
    }

    private DeployRequest request(Optional<String> version, boolean allowRejected) {
        return new DeployRequest(MODEL, ENDPOINT, version.map(ModelVersion::new), "production", allowRejected,
                Optional.of(SmokeTest.fromChannel(temp.resolve("data/test"), RecordLayout.DEFAULT, 5)), temp.resolve("target"), "test",
                dev.mlops.core.deploy.DeploymentPolicy.DEFAULT);
    }

    private static String invoke(URI url) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/invocations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("[{\"text\":\"a\"}]"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private void publish(String version, String count, VersionStatus status, String createdAt) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("models/" + version));
        Files.writeString(dir.resolve("count.txt"), count);
        Path archive = temp.resolve(version + ".tar.gz");
        TarGz.archive(dir, archive);
        store.publish(Manifest.candidate("word-count", version, createdAt, null, "local", null, Map.of(), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", Files.size(archive), Fingerprints.sha256Of(archive))), archive);
        store.update(MODEL, new ModelVersion(version), m -> m.withStatus(status));
    }
}
