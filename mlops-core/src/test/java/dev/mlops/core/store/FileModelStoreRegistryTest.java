package dev.mlops.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aliases, manifest updates and reservations: the registry over the file store. */
class FileModelStoreRegistryTest {

    private static final ModelName MODEL = new ModelName("spam");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir Path temp;
    private FileModelStore store;

    @BeforeEach
    void twoVersions() throws Exception {
        store = new FileModelStore(temp);
        for (String version : List.of("1.0.0", "1.1.0", "1.2.0")) {
            Path archive = Files.writeString(temp.resolve(version + ".tar.gz"), version);
            store.publish(Manifest.candidate("spam", version, "2026-11-25T10:00:00Z", null, "local", null, Map.of(),
                    Map.of(), artifact(archive)), archive);
        }
    }

    @Test
    void anAliasMovesAndRemembersWhereItWas() {
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        Alias moved = store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.0.0")), NOW.plusSeconds(60));
        assertEquals("1.1.0", moved.version());
        assertEquals(List.of("1.0.0"), moved.previous());
        assertEquals(moved, store.alias(MODEL, "production").orElseThrow());
        assertEquals(Map.of("production", moved), store.aliases(MODEL));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), store.versions(MODEL).stream().map(Manifest::version).toList());
    }

    @Test
    void anAliasThatMovedMeanwhileIsNotOverwritten() {
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        AliasConflictException e = assertThrows(AliasConflictException.class,
                () -> store.moveAlias(MODEL, "production", v("1.2.0"), Optional.of(v("1.1.0")), NOW));
        assertTrue(e.getMessage().contains("points at 1.0.0, not 1.1.0"), e.getMessage());
        assertEquals("1.0.0", store.alias(MODEL, "production").orElseThrow().version());
    }

    @Test
    void anAliasCannotPointAtAVersionThatIsNotStoredOrHaveABadName() {
        assertThrows(ConfigurationException.class,
                () -> store.moveAlias(MODEL, "production", v("9.9.9"), Optional.empty(), NOW));
        assertThrows(ConfigurationException.class,
                () -> store.moveAlias(MODEL, "../prod", v("1.0.0"), Optional.empty(), NOW));
        assertEquals(Map.of(), store.aliases(MODEL));
    }

    @Test
    void racingAliasMovesFromTheSameStateHaveOneWinner() throws Exception {
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        List<Future<Boolean>> results = race(8, i -> {
            try {
                store.moveAlias(MODEL, "production", v(i % 2 == 0 ? "1.1.0" : "1.2.0"), Optional.of(v("1.0.0")), NOW);
                return true;
            } catch (AliasConflictException lost) {
                return false;
            }
        });
        long winners = results.stream().filter(FileModelStoreRegistryTest::get).count();
        assertEquals(1, winners);
        assertEquals(List.of("1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());
    }

    @Test
    void concurrentManifestUpdatesAreAllKept() throws Exception {
        race(8, i -> {
            store.update(MODEL, v("1.0.0"), m -> m.withAudit(new Manifest.AuditEntry(NOW.toString(), "note-" + i, null, null)));
            return true;
        });
        Manifest manifest = store.manifest(MODEL, v("1.0.0")).orElseThrow();
        assertEquals(8, manifest.audit().size());
    }

    @Test
    void updatesChangeStatusButNeverTheArtifact() {
        Manifest updated = store.update(MODEL, v("1.1.0"), m -> m.withStatus(VersionStatus.REJECTED)
                .withMetrics(Map.of("f1", 0.5)));
        assertEquals(updated, store.manifest(MODEL, v("1.1.0")).orElseThrow());
        assertEquals(VersionStatus.REJECTED, updated.status());
        assertThrows(IllegalArgumentException.class, () -> store.update(MODEL, v("1.1.0"),
                m -> Manifest.candidate("spam", "1.1.0", m.createdAt(), null, "local", null, Map.of(), Map.of(),
                        new Manifest.ModelArtifact("other.tar.gz", 1, "y"))));
        assertThrows(ConfigurationException.class, () -> store.update(MODEL, v("7.0.0"), m -> m));
    }

    @Test
    void aVersionCanBeReservedOnceAndNeverWhenStored() throws Exception {
        assertFalse(store.reserve(MODEL, v("1.0.0")));
        List<Future<Boolean>> results = race(8, i -> store.reserve(MODEL, v("2.0.0")));
        assertEquals(1, results.stream().filter(FileModelStoreRegistryTest::get).count());
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0"),
                store.reservedOrStored(MODEL).stream().map(ModelVersion::value).toList());
        // a reserved version is still stored by the pipeline that reserved it
        Path archive = Files.writeString(temp.resolve("2.tar.gz"), "2");
        store.publish(Manifest.candidate("spam", "2.0.0", "2026-11-25T11:00:00Z", null, "local", null, Map.of(),
                Map.of(), artifact(archive)), archive);
        assertTrue(store.exists(MODEL, v("2.0.0")));
    }

    private interface Attempt {
        boolean run(int writer) throws Exception;
    }

    private static List<Future<Boolean>> race(int writers, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            int writer = i;
            results.add(pool.submit(() -> {
                start.await();
                return attempt.run(writer);
            }));
        }
        start.countDown();
        for (Future<Boolean> result : results) {
            result.get();
        }
        pool.shutdown();
        return results;
    }

    private static boolean get(Future<Boolean> result) {
        try {
            return result.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Manifest.ModelArtifact artifact(Path archive) {
        return new Manifest.ModelArtifact("model.tar.gz", Fingerprints.size(archive), Fingerprints.sha256Of(archive));
    }

    private static ModelVersion v(String value) {
        return new ModelVersion(value);
    }
}
