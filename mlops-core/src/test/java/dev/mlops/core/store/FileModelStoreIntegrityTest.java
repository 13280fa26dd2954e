package dev.mlops.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only a directory store has: an incomplete version directory, and what a killed writer leaves (the rest: {@link ModelStoreContract}). */
class FileModelStoreIntegrityTest {

    private static final ModelName MODEL = new ModelName("spam");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir Path temp;
    private FileModelStore store;
    private Path models;

    @BeforeEach
    void threeVersions() throws Exception {
        store = new FileModelStore(temp.resolve("store"), Clock.fixed(NOW, ZoneOffset.UTC));
        models = temp.resolve("store/models/spam");
        publish("1.0.0", "2026-11-25T10:00:00Z");
        publish("1.1.0", "2026-11-25T10:30:00Z");
        publish("1.2.0", "2026-11-25T11:00:00Z");
    }

    @Test
    void aVersionDirectoryWithoutAManifestIsReportedAsIncomplete() throws Exception {
        Files.createDirectories(models.resolve("2.0.0"));
        Files.writeString(models.resolve("2.0.0/model.tar.gz"), "half");

        VersionListing listing = store.listing(MODEL);
        assertEquals(3, listing.versions().size());
        assertTrue(listing.problems().get(0).contains("Version 2.0.0 of 'spam' is incomplete"), listing.problems().toString());
        assertThrows(StoreIntegrityException.class, () -> store.copyArchive(MODEL, v("2.0.0"), temp.resolve("c.tar.gz")));
    }

    @Test
    void staleLeftoversOfAKilledWriterAreRemovedWhenPublishingAndLiveOnesAreNot() throws Exception {
        Path stale = Files.createDirectories(models.resolve(".staging-1.5.0-dead"));
        Files.writeString(stale.resolve("model.tar.gz"), "half");
        Path live = Files.createDirectories(models.resolve(".staging-1.6.0-live"));
        Files.writeString(live.resolve("model.tar.gz"), "being written");
        Path staleTemp = Files.writeString(models.resolve("1.0.0/.manifest.json.dead.tmp"), "{");
        Path staleAlias = Files.writeString(Files.createDirectories(models.resolve("aliases")).resolve(".production.dead.tmp"), "{");
        FileTime twoHoursAgo = FileTime.from(NOW.minusSeconds(7200));
        for (Path p : List.of(stale.resolve("model.tar.gz"), stale, staleTemp, staleAlias)) {
            Files.setLastModifiedTime(p, twoHoursAgo);
        }
        // a directory renamed long ago whose archive is still being written is live
        Files.setLastModifiedTime(live, twoHoursAgo);
        Files.setLastModifiedTime(live.resolve("model.tar.gz"), FileTime.from(NOW.minusSeconds(5)));

        publish("1.3.0", "2026-11-25T11:30:00Z");

        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleTemp));
        assertFalse(Files.exists(staleAlias));
        assertTrue(Files.exists(live.resolve("model.tar.gz")));
        assertEquals(4, store.versions(MODEL).size());
    }

    private void publish(String version, String createdAt) throws Exception {
        Path archive = Files.writeString(temp.resolve(version + ".tar.gz"), "archive of " + version);
        store.publish(Manifest.candidate("spam", version, createdAt, null, "local", null, null, null,
                ModelStoreContract.artifact(archive)), archive);
    }

    private static ModelVersion v(String value) {
        return new ModelVersion(value);
    }
}
