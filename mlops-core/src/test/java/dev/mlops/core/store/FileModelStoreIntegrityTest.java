package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the store checks whenever it reads: manifests, archives, aliases; and what a killed writer leaves. */
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
    void aCutOffManifestIsReportedByFileAndTheOtherVersionsStillList() throws Exception {
        Path file = models.resolve("1.1.0/manifest.json");
        String json = Files.readString(file);
        Files.writeString(file, json.substring(0, json.length() / 2));

        VersionListing listing = store.listing(MODEL);
        assertEquals(List.of("1.0.0", "1.2.0"), listing.versions().stream().map(Manifest::version).toList());
        assertEquals(1, listing.problems().size(), listing.problems().toString());
        assertTrue(listing.problems().get(0).contains(file + " cannot be read") && listing.problems().get(0).contains("Restore"),
                listing.problems().get(0));

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.manifest(MODEL, v("1.1.0")));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line "), e.getMessage());
        assertThrows(StoreIntegrityException.class, () -> store.copyArchive(MODEL, v("1.1.0"), temp.resolve("copy.tar.gz")));
        assertFalse(Files.exists(temp.resolve("copy.tar.gz")));
        // its number stays taken
        assertTrue(store.reservedOrStored(MODEL).contains(v("1.1.0")));
    }

    @Test
    void aManifestWithoutCreatedAtIsNamedNotANullPointer() throws Exception {
        Path file = models.resolve("1.2.0/manifest.json");
        Files.writeString(file, Files.readString(file).replaceAll("\"createdAt\" : \"[^\"]*\",", ""));

        VersionListing listing = store.listing(MODEL);
        assertEquals(List.of("1.0.0", "1.1.0"), listing.versions().stream().map(Manifest::version).toList());
        assertTrue(listing.problems().get(0).contains(file + " is not valid: the field 'createdAt' is missing"),
                listing.problems().toString());
    }

    @Test
    void anAuditEntryWithoutItsActionIsNamed() throws Exception {
        Path file = models.resolve("1.0.0/manifest.json");
        Files.writeString(file, Files.readString(file).replaceAll("\"audit\" : \\[ *\\]", "\"audit\" : [ { \"detail\" : \"x\" } ]"));
        assertTrue(Files.readString(file).contains("\"detail\" : \"x\""), Files.readString(file));
        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.manifest(MODEL, v("1.0.0")));
        assertTrue(e.getMessage().contains("audit entry 1 has no 'at' or 'action'"), e.getMessage());
    }

    @Test
    void aManifestForAnotherVersionIsRefusedNamingTheFileAndBothValues() throws Exception {
        // someone copied 1.0.0's directory to 4.0.3
        Path copy = Files.createDirectories(models.resolve("4.0.3"));
        Files.copy(models.resolve("1.0.0/manifest.json"), copy.resolve("manifest.json"));
        Files.copy(models.resolve("1.0.0/model.tar.gz"), copy.resolve("model.tar.gz"));

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class,
                () -> store.copyArchive(MODEL, v("4.0.3"), temp.resolve("copy.tar.gz")));
        assertTrue(e.getMessage().contains(copy.resolve("manifest.json").toString())
                && e.getMessage().contains("names the version 1.0.0 but is stored as 4.0.3"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("copy.tar.gz")));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), store.versions(MODEL).stream().map(Manifest::version).toList());
    }

    @Test
    void aManifestForAnotherModelIsRefused() throws Exception {
        Path file = models.resolve("1.0.0/manifest.json");
        Files.writeString(file, Files.readString(file).replace("\"model\" : \"spam\"", "\"model\" : \"ham\""));
        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.manifest(MODEL, v("1.0.0")));
        assertTrue(e.getMessage().contains("names the model 'ham' but is stored under 'spam'"), e.getMessage());
    }

    @Test
    void aVersionDirectoryWithoutAManifestIsNeverListedOrServed() throws Exception {
        Files.createDirectories(models.resolve("2.0.0"));
        Files.writeString(models.resolve("2.0.0/model.tar.gz"), "half");

        VersionListing listing = store.listing(MODEL);
        assertEquals(3, listing.versions().size());
        assertTrue(listing.problems().get(0).contains("Version 2.0.0 of 'spam' is incomplete"), listing.problems().toString());
        assertThrows(StoreIntegrityException.class, () -> store.copyArchive(MODEL, v("2.0.0"), temp.resolve("c.tar.gz")));
        assertThrows(ConfigurationException.class, () -> store.moveAlias(MODEL, "production", v("2.0.0"), Optional.empty(), NOW));
        assertFalse(store.reserve(MODEL, v("2.0.0")), "the number is taken");
    }

    @Test
    void anArchiveThatChangedAfterItWasStoredIsRefusedNamingBothDigests() throws Exception {
        Path archive = models.resolve("1.0.0/model.tar.gz");
        String recorded = store.manifest(MODEL, v("1.0.0")).orElseThrow().artifact().sha256();
        Files.writeString(archive, "tampered");
        Path target = temp.resolve("work/model.tar.gz");

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.copyArchive(MODEL, v("1.0.0"), target));
        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("version 1.0.0")
                && e.getMessage().contains(recorded) && e.getMessage().contains(dev.mlops.core.io.Fingerprints.sha256Of(archive)),
                e.getMessage());
        assertFalse(Files.exists(target), "the bad copy is not left for anything to unpack");
    }

    @Test
    void anIntactArchiveIsCopied() throws Exception {
        Path target = temp.resolve("work/model.tar.gz");
        store.copyArchive(MODEL, v("1.2.0"), target);
        assertArrayEquals(Files.readAllBytes(models.resolve("1.2.0/model.tar.gz")), Files.readAllBytes(target));
    }

    @Test
    void anAliasNamingAMissingVersionIsAnErrorNamingAliasVersionStoreAndFix() throws Exception {
        store.moveAlias(MODEL, "production", v("1.1.0"), Optional.empty(), NOW);
        dev.mlops.core.io.MoreFiles.deleteRecursively(models.resolve("1.1.0"));

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.aliasedManifest(MODEL, "production"));
        assertTrue(e.getMessage().contains("alias 'production'") && e.getMessage().contains("version 1.1.0")
                && e.getMessage().contains(store.describe()) && e.text().goals().contains(Goal.DEPLOY), e.getMessage());
        assertTrue(store.listing(MODEL).problems().get(0).contains("alias 'production'"));
        assertEquals(Optional.empty(), store.aliasedManifest(MODEL, "staging"));
        // the fix: moving it from where it points to a stored version
        store.moveAlias(MODEL, "production", v("1.2.0"), Optional.of(v("1.1.0")), NOW);
        assertEquals("1.2.0", store.aliasedManifest(MODEL, "production").orElseThrow().version());
    }

    @Test
    void anUnreadableAliasIsReportedByFile() throws Exception {
        Path file = Files.createDirectories(models.resolve("aliases")).resolve("production");
        Files.writeString(file, "{\"name\":\"production\",");
        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.alias(MODEL, "production"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals(java.util.Map.of(), store.aliases(MODEL));
        assertTrue(store.listing(MODEL).problems().get(0).contains(file.toString()));
    }

    @Test
    void movingAnAliasToTheVersionItNamesAddsNoHistoryAndWritesNothing() throws Exception {
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.0.0")), NOW);
        byte[] before = Files.readAllBytes(models.resolve("aliases/production"));

        Alias again = store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.1.0")), NOW.plusSeconds(60));

        assertEquals(List.of("1.0.0"), again.previous());
        assertArrayEquals(before, Files.readAllBytes(models.resolve("aliases/production")));
    }

    @Test
    void racingRedeploysOfTheSameVersionLeaveOneHistoryEntry() throws Exception {
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Alias>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.0.0")), NOW);
                } catch (AliasConflictException lost) {
                    // as a deploy that finds the alias moved would: read it and go again
                    return store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.1.0")), NOW);
                }
            }));
        }
        start.countDown();
        for (Future<Alias> result : results) {
            assertEquals("1.1.0", result.get().version());
        }
        pool.shutdown();
        assertEquals(List.of("1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());
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

    @Test
    void anIncompleteManifestOrOneThatDoesNotMatchItsArchiveIsNeverStored() throws Exception {
        Path archive = Files.writeString(temp.resolve("a.tar.gz"), "a");
        assertThrows(IllegalArgumentException.class, () -> store.publish(Manifest.candidate("spam", "3.0.0", null, null, "local",
                null, null, null, FileModelStoreRegistryTest.artifact(archive)), archive));
        Manifest lying = Manifest.candidate("spam", "3.0.0", NOW.toString(), null, "local", null, null, null,
                new Manifest.ModelArtifact("model.tar.gz", 1, "0".repeat(64)));
        assertThrows(dev.mlops.core.InfrastructureException.class, () -> store.publish(lying, archive));
        assertFalse(store.exists(MODEL, v("3.0.0")));
    }

    @Test
    void theStoreListsItsModels() throws Exception {
        Files.createDirectories(temp.resolve("store/models/.hidden"));
        Path other = Files.writeString(temp.resolve("o.tar.gz"), "o");
        store.publish(Manifest.candidate("ham", "1.0.0", NOW.toString(), null, "local", null, null, null,
                FileModelStoreRegistryTest.artifact(other)), other);
        assertEquals(List.of(new ModelName("ham"), MODEL), store.models());
    }

    private void publish(String version, String createdAt) throws Exception {
        Path archive = Files.writeString(temp.resolve(version + ".tar.gz"), "archive of " + version);
        store.publish(Manifest.candidate("spam", version, createdAt, null, "local", null, null, null,
                FileModelStoreRegistryTest.artifact(archive)), archive);
    }

    private static ModelVersion v(String value) {
        return new ModelVersion(value);
    }
}
