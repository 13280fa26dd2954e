package dev.mlops.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.RecordingEvents;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.core.store.StoreIntegrityException;
import dev.mlops.testmodels.WordCountModel;
import java.io.File;
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

/** Deploy and rollback over a store that is not what it should be: typos, lost versions, redeploys, tampering. */
class DeploymentIntegrityTest {

    private static final ModelName MODEL = new ModelName("word-count");
    private static final String ENDPOINT = "word-count";

    @TempDir Path temp;
    private FileModelStore store;
    private LocalEndpointBackend backend;
    private DeploymentService service;
    private final RecordingEvents events = new RecordingEvents();

    @BeforeEach
    void storeWithVersions() throws Exception {
        store = new FileModelStore(temp.resolve("store"));
        publish("1.0.0", "10", "2026-11-25T10:00:00Z");
        publish("1.1.0", "11", "2026-11-25T11:00:00Z");
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> classpath = Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ModelJvm model = new ModelJvm(java, classpath, List.of("-Xmx64m"),
                Map.of("MLOPS_MODEL_CLASS", WordCountModel.class.getName()));
        backend = new LocalEndpointBackend(new LocalEndpointBackend.Settings(temp.resolve("endpoints"), model,
                new ModelJvm(java, classpath, List.of(), Map.of()), 0, Duration.ofSeconds(30),
                LocalEndpointBackend.Settings.DEFAULT_INVOCATION_TIMEOUT, LocalEndpointBackend.Settings.DEFAULT_MAX_PAYLOAD_MB,
                LocalEndpointBackend.Settings.DEFAULT_LOCK_TIMEOUT, TarGz.Limits.DEFAULT), store, Clock.systemUTC());
        service = new DeploymentService(store, backend, Clock.systemUTC(), events);
    }

    @AfterEach
    void noStrayProcesses() {
        if (backend.find(ENDPOINT).isPresent()) {
            service.undeploy(ENDPOINT, temp.resolve("out"));
        }
        assertEquals(List.of(), backend.list());
    }

    @Test
    void redeployingTheProductionVersionAfterUndeployKeepsRollbackWorking() {
        service.deploy(request("1.0.0"));
        service.deploy(request("1.1.0"));
        service.undeploy(ENDPOINT, temp.resolve("out"));

        DeployReport redeployed = service.deploy(request("1.1.0"));

        assertTrue(redeployed.changed(), "the endpoint was gone, so it was started again");
        assertEquals(List.of("1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());
        assertEquals("1.0.0", service.rollback(request(null)).orElseThrow().endpoint().version());
    }

    @Test
    void rollbackSkipsAHistoryEntryEqualToTheCurrentVersion() throws Exception {
        service.deploy(request("1.0.0"));
        service.deploy(request("1.1.0"));
        // what an earlier plugin left after a redeploy of 1.1.0
        Path alias = temp.resolve("store/models/word-count/aliases/production");
        Files.writeString(alias, Files.readString(alias).replace("\"previous\" : [ \"1.0.0\" ]",
                "\"previous\" : [ \"1.1.0\", \"1.0.0\" ]"));
        assertEquals(List.of("1.1.0", "1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());

        assertEquals("1.0.0", service.rollback(request(null)).orElseThrow().endpoint().version());
    }

    @Test
    void rollbackOfAModelTheStoreDoesNotHaveFailsListingTheModelsThereAre() {
        DeployRequest typo = new DeployRequest(new ModelName("word-cuont"), ENDPOINT, Optional.empty(), "production",
                false, Optional.empty(), temp.resolve("target"), "test",
                dev.mlops.core.deploy.DeploymentPolicy.DEFAULT);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> service.rollback(typo));
        assertTrue(e.getMessage().contains("'word-cuont'") && e.getMessage().contains(store.describe())
                && e.getMessage().contains("It holds 'word-count'"), e.getMessage());
    }

    @Test
    void rollbackToAPreviousVersionThatIsGoneFailsAndChangesNothing() throws Exception {
        service.deploy(request("1.0.0"));
        service.deploy(request("1.1.0"));
        dev.mlops.core.io.MoreFiles.deleteRecursively(temp.resolve("store/models/word-count/1.0.0"));

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> service.rollback(request(null)));
        assertTrue(e.getMessage().contains("1.0.0 is not in the store " + store.describe()), e.getMessage());
        assertEquals("1.1.0", backend.find(ENDPOINT).orElseThrow().version());
        assertEquals("1.1.0", store.alias(MODEL, "production").orElseThrow().version());
    }

    @Test
    void aVersionThatIsNotStoredIsNamedWithTheStore() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> service.deploy(request("4.0.3")));
        assertTrue(e.getMessage().contains("Version 4.0.3 of 'word-count' is not in the store " + store.describe()),
                e.getMessage());
        assertFalse(backend.find(ENDPOINT).isPresent());
    }

    @Test
    void aTamperedArchiveIsNeverServed() throws Exception {
        Path archive = temp.resolve("store/models/word-count/1.1.0/model.tar.gz");
        Files.copy(temp.resolve("store/models/word-count/1.0.0/model.tar.gz"), archive,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> service.deploy(request("1.1.0")));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
        assertFalse(backend.find(ENDPOINT).isPresent());
        assertFalse(store.alias(MODEL, "production").isPresent());
    }

    @Test
    void aVersionWhoseManifestIsAnotherVersionsIsRefused() throws Exception {
        Path manifest = temp.resolve("store/models/word-count/1.1.0/manifest.json");
        Files.copy(temp.resolve("store/models/word-count/1.0.0/manifest.json"), manifest,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> service.deploy(request("1.1.0")));
        assertTrue(e.getMessage().contains(manifest.toString()) && e.getMessage().contains("names the version 1.0.0"),
                e.getMessage());
        assertFalse(backend.find(ENDPOINT).isPresent());
    }

    @Test
    void theNewestApprovedVersionSkipsAnUnreadableManifestWithAWarning() throws Exception {
        publish("1.2.0", "12", "2026-11-25T12:00:00Z");
        Path broken = temp.resolve("store/models/word-count/1.2.0/manifest.json");
        Files.writeString(broken, "{\"model\":\"word-count\",\"version\":\"1.2.0\",\"status\":\"approved-by-gate\"}");

        assertEquals("1.1.0", service.deploy(request(null)).endpoint().version());
        assertTrue(events.warnings().stream().anyMatch(w -> w.contains(broken.toString()) && w.contains("createdAt")),
                events.warnings().toString());

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> service.deploy(request("1.2.0")));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }

    private DeployRequest request(String version) {
        return new DeployRequest(MODEL, ENDPOINT, Optional.ofNullable(version).map(ModelVersion::new), "production",
                false, Optional.empty(), temp.resolve("target"), "test",
                dev.mlops.core.deploy.DeploymentPolicy.DEFAULT);
    }

    private void publish(String version, String count, String createdAt) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("models/" + version));
        Files.writeString(dir.resolve("count.txt"), count);
        Path archive = temp.resolve(version + ".tar.gz");
        TarGz.archive(dir, archive);
        store.publish(Manifest.candidate("word-count", version, createdAt, null, "local", null, Map.of(), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", Files.size(archive), Fingerprints.sha256Of(archive))), archive);
        store.update(MODEL, new ModelVersion(version), m -> m.withStatus(VersionStatus.APPROVED_BY_GATE));
    }
}
