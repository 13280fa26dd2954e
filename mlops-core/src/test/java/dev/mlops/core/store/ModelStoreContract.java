package dev.mlops.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.Fingerprints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
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

/**
 * What every {@link ModelStore} promises, whatever holds it: versions written once, checked reads, aliases and
 * manifest updates that are never lost, reservations handed out once. A store's test extends this and says how
 * to reach what it stores underneath (to break it on purpose) and how its messages name a stored object.
 */
public abstract class ModelStoreContract {

    protected static final ModelName MODEL = new ModelName("spam");
    protected static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir protected Path temp;
    protected ModelStore store;

    /** A new, empty store. */
    protected abstract ModelStore newStore() throws Exception;

    /** Writes {@code content} under {@code key} (relative to the store's root, e.g. {@code models/spam/1.0.0/manifest.json}), bypassing the store. */
    protected abstract void putRaw(String key, byte[] content) throws Exception;

    protected abstract byte[] getRaw(String key) throws Exception;

    /** Removes everything under {@code prefix} (a key ending in '/'), bypassing the store. */
    protected abstract void deleteRaw(String prefix) throws Exception;

    /** How the store's messages name what is under {@code key} (a path, an s3:// URI). */
    protected abstract String located(String key);

    /**
     * Whether the storage underneath makes a compare-and-set atomic against concurrent writers. Tests that race
     * compare-and-set writes run only then; the file store's lock and S3's {@code If-Match} do, s3proxy's does not.
     */
    protected boolean compareAndSetIsAtomic() {
        return true;
    }

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
    }

    // ---- publishing

    @Test
    public void publishedVersionIsListedWithItsManifestAndArchive() throws Exception {
        Path archive = archive("model-bytes");
        Manifest manifest = manifest("1.0.0", "2026-11-25T10:00:00Z", archive);
        StoredVersion stored = store.publish(manifest, archive);

        assertTrue(store.exists(MODEL, v("1.0.0")));
        assertEquals(List.of("1.0.0"), versions());
        assertEquals(manifest, store.manifest(MODEL, v("1.0.0")).orElseThrow());
        assertEquals(manifest, stored.manifest());
        assertEquals("model-bytes", copied("1.0.0"));
        assertEquals("model-bytes", new String(getRaw("models/spam/1.0.0/model.tar.gz"), StandardCharsets.UTF_8));
        assertTrue(stored.modelUri().endsWith("models/spam/1.0.0/model.tar.gz"), stored.modelUri());
        assertFalse(store.exists(MODEL, v("1.0.1")));
        assertEquals(Optional.empty(), store.manifest(MODEL, v("1.0.1")));
    }

    @Test
    public void versionsAreListedOldestFirst() throws Exception {
        publish("2.0.0", "2026-11-25T12:00:00Z", "b");
        publish("1.0.0", "2026-11-25T10:00:00Z", "a");
        assertEquals(List.of("1.0.0", "2.0.0"), versions());
        assertEquals(List.of(), store.versions(new ModelName("other")));
    }

    @Test
    public void aStoredVersionIsNeverOverwritten() throws Exception {
        publish("1.0.0", "2026-11-25T10:00:00Z", "first");
        byte[] before = getRaw("models/spam/1.0.0/model.tar.gz");

        VersionExistsException e = assertThrows(VersionExistsException.class,
                () -> publish("1.0.0", "2026-11-25T11:00:00Z", "second"));
        assertTrue(e.getMessage().contains("1.0.0") && e.getMessage().contains("already exists")
                && e.getMessage().contains(store.describe()), e.getMessage());
        assertArrayEquals(before, getRaw("models/spam/1.0.0/model.tar.gz"));
        assertEquals("2026-11-25T10:00:00Z", store.manifest(MODEL, v("1.0.0")).orElseThrow().createdAt());
        assertEquals("first", copied("1.0.0"));
    }

    @Test
    public void racingWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
        List<Future<Boolean>> results = race(8, i -> {
            Path archive = archive("writer-" + i);
            try {
                store.publish(manifest("3.0.0", "2026-11-25T10:00:0" + i + "Z", archive), archive);
                return true;
            } catch (VersionExistsException lost) {
                return false;
            }
        });
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).get()) {
                winners.add(i);
            }
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals("writer-" + winners.get(0), copied("3.0.0"), "the archive is the winner's, as its manifest says");
        assertEquals("2026-11-25T10:00:0" + winners.get(0) + "Z", store.manifest(MODEL, v("3.0.0")).orElseThrow().createdAt());
    }

    @Test
    public void anIncompleteManifestOrOneThatDoesNotMatchItsArchiveIsNeverStored() throws Exception {
        Path archive = archive("a");
        assertThrows(IllegalArgumentException.class, () -> store.publish(Manifest.candidate("spam", "3.0.0", null, null,
                "local", null, null, null, artifact(archive)), archive));
        Manifest lying = Manifest.candidate("spam", "3.0.0", NOW.toString(), null, "local", null, null, null,
                new Manifest.ModelArtifact("model.tar.gz", 1, "0".repeat(64)));
        assertThrows(InfrastructureException.class, () -> store.publish(lying, archive));
        assertFalse(store.exists(MODEL, v("3.0.0")));
        assertEquals(List.of(), store.reservedOrStored(MODEL), "nothing of the refused version is left");
        publish("3.0.0", NOW.toString(), "a");
        assertEquals("a", copied("3.0.0"));
    }

    @Test
    public void theStoreListsItsModels() throws Exception {
        putRaw("models/.hidden/x", "x".getBytes(StandardCharsets.UTF_8));
        publish("1.0.0", NOW.toString(), "s");
        Path other = archive("o");
        store.publish(Manifest.candidate("ham", "1.0.0", NOW.toString(), null, "local", null, null, null, artifact(other)), other);
        assertEquals(List.of(new ModelName("ham"), MODEL), store.models());
    }

    // ---- aliases

    @Test
    public void anAliasMovesAndRemembersWhereItWas() throws Exception {
        threeVersions();
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        Alias moved = store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.0.0")), NOW.plusSeconds(60));
        assertEquals("1.1.0", moved.version());
        assertEquals(List.of("1.0.0"), moved.previous());
        assertEquals(moved, store.alias(MODEL, "production").orElseThrow());
        assertEquals(Map.of("production", moved), store.aliases(MODEL));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), versions());
    }

    @Test
    public void anAliasThatMovedMeanwhileIsNotOverwritten() throws Exception {
        threeVersions();
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        AliasConflictException e = assertThrows(AliasConflictException.class,
                () -> store.moveAlias(MODEL, "production", v("1.2.0"), Optional.of(v("1.1.0")), NOW));
        assertTrue(e.getMessage().contains("points at 1.0.0, not 1.1.0"), e.getMessage());
        assertThrows(AliasConflictException.class,
                () -> store.moveAlias(MODEL, "production", v("1.2.0"), Optional.empty(), NOW), "it exists already");
        assertEquals("1.0.0", store.alias(MODEL, "production").orElseThrow().version());
    }

    @Test
    public void anAliasCannotPointAtAVersionThatIsNotStoredOrHaveABadName() throws Exception {
        threeVersions();
        assertThrows(ConfigurationException.class,
                () -> store.moveAlias(MODEL, "production", v("9.9.9"), Optional.empty(), NOW));
        assertThrows(ConfigurationException.class,
                () -> store.moveAlias(MODEL, "../prod", v("1.0.0"), Optional.empty(), NOW));
        assertEquals(Map.of(), store.aliases(MODEL));
    }

    @Test
    public void racingFirstMovesOfANewAliasHaveOneWinner() throws Exception {
        threeVersions();
        List<Future<Boolean>> results = race(8, i -> {
            try {
                store.moveAlias(MODEL, "staging", v(i % 2 == 0 ? "1.1.0" : "1.2.0"), Optional.empty(), NOW);
                return true;
            } catch (AliasConflictException lost) {
                return false;
            }
        });
        assertEquals(1, winners(results));
        assertEquals(List.of(), store.alias(MODEL, "staging").orElseThrow().previous());
    }

    @Test
    public void racingAliasMovesFromTheSameStateHaveOneWinner() throws Exception {
        assumeTrue(compareAndSetIsAtomic(), "the storage underneath does not make If-Match atomic");
        threeVersions();
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        List<Future<Boolean>> results = race(8, i -> {
            try {
                store.moveAlias(MODEL, "production", v(i % 2 == 0 ? "1.1.0" : "1.2.0"), Optional.of(v("1.0.0")), NOW);
                return true;
            } catch (AliasConflictException lost) {
                return false;
            }
        });
        assertEquals(1, winners(results));
        assertEquals(List.of("1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());
    }

    @Test
    public void movingAnAliasToTheVersionItNamesAddsNoHistoryAndWritesNothing() throws Exception {
        threeVersions();
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.0.0")), NOW);
        byte[] before = getRaw("models/spam/aliases/production");

        Alias again = store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.1.0")), NOW.plusSeconds(60));

        assertEquals(List.of("1.0.0"), again.previous());
        assertArrayEquals(before, getRaw("models/spam/aliases/production"));
    }

    @Test
    public void racingRedeploysOfTheSameVersionLeaveOneHistoryEntry() throws Exception {
        assumeTrue(compareAndSetIsAtomic(), "the storage underneath does not make If-Match atomic");
        threeVersions();
        store.moveAlias(MODEL, "production", v("1.0.0"), Optional.empty(), NOW);
        List<Future<Boolean>> results = race(8, i -> {
            try {
                return store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.0.0")), NOW).version().equals("1.1.0");
            } catch (AliasConflictException lost) {
                // as a deploy that finds the alias moved would: read it and go again
                return store.moveAlias(MODEL, "production", v("1.1.0"), Optional.of(v("1.1.0")), NOW).version().equals("1.1.0");
            }
        });
        assertEquals(8, winners(results));
        assertEquals(List.of("1.0.0"), store.alias(MODEL, "production").orElseThrow().previous());
    }

    @Test
    public void anAliasNamingAMissingVersionIsAnErrorNamingAliasVersionAndStore() throws Exception {
        threeVersions();
        store.moveAlias(MODEL, "production", v("1.1.0"), Optional.empty(), NOW);
        deleteRaw("models/spam/1.1.0/");

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.aliasedManifest(MODEL, "production"));
        assertTrue(e.getMessage().contains("alias 'production'") && e.getMessage().contains("version 1.1.0")
                && e.getMessage().contains(store.describe()), e.getMessage());
        assertTrue(store.listing(MODEL).problems().get(0).contains("alias 'production'"), store.listing(MODEL).problems().toString());
        assertEquals(Optional.empty(), store.aliasedManifest(MODEL, "staging"));
        // the fix: moving it from where it points to a stored version
        store.moveAlias(MODEL, "production", v("1.2.0"), Optional.of(v("1.1.0")), NOW);
        assertEquals("1.2.0", store.aliasedManifest(MODEL, "production").orElseThrow().version());
    }

    @Test
    public void anUnreadableAliasIsReportedByName() throws Exception {
        threeVersions();
        putRaw("models/spam/aliases/production", "{\"name\":\"production\",".getBytes(StandardCharsets.UTF_8));
        String file = located("models/spam/aliases/production");
        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.alias(MODEL, "production"));
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertEquals(Map.of(), store.aliases(MODEL));
        assertTrue(store.listing(MODEL).problems().get(0).contains(file));
    }

    // ---- manifest updates

    @Test
    public void updatesChangeStatusButNeverTheArtifact() throws Exception {
        threeVersions();
        Manifest updated = store.update(MODEL, v("1.1.0"), m -> m.withStatus(VersionStatus.REJECTED).withMetrics(Map.of("f1", 0.5)));
        assertEquals(updated, store.manifest(MODEL, v("1.1.0")).orElseThrow());
        assertEquals(VersionStatus.REJECTED, updated.status());
        assertThrows(IllegalArgumentException.class, () -> store.update(MODEL, v("1.1.0"),
                m -> Manifest.candidate("spam", "1.1.0", m.createdAt(), null, "local", null, Map.of(), Map.of(),
                        new Manifest.ModelArtifact("other.tar.gz", 1, "y"))));
        assertEquals(updated, store.manifest(MODEL, v("1.1.0")).orElseThrow());
        assertThrows(ConfigurationException.class, () -> store.update(MODEL, v("7.0.0"), m -> m));
    }

    @Test
    public void concurrentManifestUpdatesAreAllKept() throws Exception {
        assumeTrue(compareAndSetIsAtomic(), "the storage underneath does not make If-Match atomic");
        threeVersions();
        race(8, i -> {
            store.update(MODEL, v("1.0.0"), m -> m.withAudit(new Manifest.AuditEntry(NOW.toString(), "note-" + i, null, null)));
            return true;
        });
        assertEquals(8, store.manifest(MODEL, v("1.0.0")).orElseThrow().audit().size());
    }

    // ---- reservations

    @Test
    public void aVersionCanBeReservedOnceAndNeverWhenStored() throws Exception {
        threeVersions();
        assertFalse(store.reserve(MODEL, v("1.0.0")));
        List<Future<Boolean>> results = race(8, i -> store.reserve(MODEL, v("2.0.0")));
        assertEquals(1, winners(results));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0"),
                store.reservedOrStored(MODEL).stream().map(ModelVersion::value).toList());
        // a reserved version is still stored by the pipeline that reserved it
        publish("2.0.0", "2026-11-25T11:00:00Z", "2");
        assertTrue(store.exists(MODEL, v("2.0.0")));
    }

    // ---- what is checked on read

    @Test
    public void aCutOffManifestIsReportedByNameAndTheOtherVersionsStillList() throws Exception {
        threeVersions();
        String key = "models/spam/1.1.0/manifest.json";
        String json = new String(getRaw(key), StandardCharsets.UTF_8);
        putRaw(key, json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8));

        VersionListing listing = store.listing(MODEL);
        assertEquals(List.of("1.0.0", "1.2.0"), listing.versions().stream().map(Manifest::version).toList());
        assertEquals(1, listing.problems().size(), listing.problems().toString());
        assertTrue(listing.problems().get(0).contains(located(key) + " cannot be read") && listing.problems().get(0).contains("Restore"),
                listing.problems().get(0));

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.manifest(MODEL, v("1.1.0")));
        assertTrue(e.getMessage().contains(located(key)) && e.getMessage().contains("line "), e.getMessage());
        assertThrows(StoreIntegrityException.class, () -> store.copyArchive(MODEL, v("1.1.0"), temp.resolve("copy.tar.gz")));
        assertFalse(Files.exists(temp.resolve("copy.tar.gz")));
        assertTrue(store.reservedOrStored(MODEL).contains(v("1.1.0")), "its number stays taken");
    }

    @Test
    public void aManifestWithoutCreatedAtIsNamedNotANullPointer() throws Exception {
        threeVersions();
        String key = "models/spam/1.2.0/manifest.json";
        putRaw(key, new String(getRaw(key), StandardCharsets.UTF_8).replaceAll("\"createdAt\" : \"[^\"]*\",", "")
                .getBytes(StandardCharsets.UTF_8));

        VersionListing listing = store.listing(MODEL);
        assertEquals(List.of("1.0.0", "1.1.0"), listing.versions().stream().map(Manifest::version).toList());
        assertTrue(listing.problems().get(0).contains(located(key) + " is not valid: the field 'createdAt' is missing"),
                listing.problems().toString());
    }

    @Test
    public void anAuditEntryWithoutItsActionIsNamed() throws Exception {
        threeVersions();
        String key = "models/spam/1.0.0/manifest.json";
        String changed = new String(getRaw(key), StandardCharsets.UTF_8)
                .replaceAll("\"audit\" : \\[ *\\]", "\"audit\" : [ { \"detail\" : \"x\" } ]");
        assertTrue(changed.contains("\"detail\" : \"x\""), changed);
        putRaw(key, changed.getBytes(StandardCharsets.UTF_8));
        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.manifest(MODEL, v("1.0.0")));
        assertTrue(e.getMessage().contains("audit entry 1 has no 'at' or 'action'"), e.getMessage());
    }

    @Test
    public void aManifestForAnotherVersionIsRefusedNamingItAndBothValues() throws Exception {
        threeVersions();
        // someone copied 1.0.0 to 4.0.3
        putRaw("models/spam/4.0.3/manifest.json", getRaw("models/spam/1.0.0/manifest.json"));
        putRaw("models/spam/4.0.3/model.tar.gz", getRaw("models/spam/1.0.0/model.tar.gz"));

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class,
                () -> store.copyArchive(MODEL, v("4.0.3"), temp.resolve("copy.tar.gz")));
        assertTrue(e.getMessage().contains(located("models/spam/4.0.3/manifest.json"))
                && e.getMessage().contains("names the version 1.0.0 but is stored as 4.0.3"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("copy.tar.gz")));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), versions());
    }

    @Test
    public void aManifestForAnotherModelIsRefused() throws Exception {
        threeVersions();
        String key = "models/spam/1.0.0/manifest.json";
        putRaw(key, new String(getRaw(key), StandardCharsets.UTF_8).replace("\"model\" : \"spam\"", "\"model\" : \"ham\"")
                .getBytes(StandardCharsets.UTF_8));
        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.manifest(MODEL, v("1.0.0")));
        assertTrue(e.getMessage().contains("names the model 'ham' but is stored under 'spam'"), e.getMessage());
    }

    @Test
    public void aVersionWithoutAManifestIsNeverListedOrServedAndItsNumberIsTaken() throws Exception {
        threeVersions();
        putRaw("models/spam/2.0.0/model.tar.gz", "half".getBytes(StandardCharsets.UTF_8));

        assertEquals(3, store.listing(MODEL).versions().size());
        assertThrows(ConfigurationException.class, () -> store.copyArchive(MODEL, v("2.0.0"), temp.resolve("c.tar.gz")));
        assertFalse(Files.exists(temp.resolve("c.tar.gz")));
        assertThrows(ConfigurationException.class, () -> store.moveAlias(MODEL, "production", v("2.0.0"), Optional.empty(), NOW));
        assertFalse(store.reserve(MODEL, v("2.0.0")), "the number is taken");
    }

    @Test
    public void anArchiveThatChangedAfterItWasStoredIsRefusedNamingBothDigests() throws Exception {
        threeVersions();
        String key = "models/spam/1.0.0/model.tar.gz";
        String recorded = store.manifest(MODEL, v("1.0.0")).orElseThrow().artifact().sha256();
        putRaw(key, "tampered".getBytes(StandardCharsets.UTF_8));
        Path target = temp.resolve("work/model.tar.gz");

        StoreIntegrityException e = assertThrows(StoreIntegrityException.class, () -> store.copyArchive(MODEL, v("1.0.0"), target));
        assertTrue(e.getMessage().contains(located(key)) && e.getMessage().contains("version 1.0.0")
                && e.getMessage().contains(recorded) && e.getMessage().contains(sha256("tampered")), e.getMessage());
        assertFalse(Files.exists(target), "the bad copy is not left for anything to unpack");
    }

    @Test
    public void anIntactArchiveIsCopied() throws Exception {
        threeVersions();
        Path target = temp.resolve("work/model.tar.gz");
        store.copyArchive(MODEL, v("1.2.0"), target);
        assertArrayEquals(getRaw("models/spam/1.2.0/model.tar.gz"), Files.readAllBytes(target));
        assertThrows(ConfigurationException.class, () -> store.copyArchive(MODEL, v("5.0.0"), target));
    }

    // ---- helpers for the stores' own tests

    protected void threeVersions() throws Exception {
        publish("1.0.0", "2026-11-25T10:00:00Z", "archive of 1.0.0");
        publish("1.1.0", "2026-11-25T10:30:00Z", "archive of 1.1.0");
        publish("1.2.0", "2026-11-25T11:00:00Z", "archive of 1.2.0");
    }

    protected StoredVersion publish(String version, String createdAt, String content) {
        Path archive = archive(content);
        return store.publish(manifest(version, createdAt, archive), archive);
    }

    protected List<String> versions() {
        return store.versions(MODEL).stream().map(Manifest::version).toList();
    }

    protected String copied(String version) throws Exception {
        Path target = Files.createTempFile(temp, "copy", ".tar.gz");
        store.copyArchive(MODEL, v(version), target);
        return Files.readString(target);
    }

    protected Path archive(String content) {
        try {
            return Files.writeString(Files.createTempFile(temp, "archive", ".tar.gz"), content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Manifest manifest(String version, String createdAt, Path archive) {
        return Manifest.candidate("spam", version, createdAt, null, "local",
                new Manifest.TrainingTimes(createdAt, createdAt, 1234), Map.of("epochs", "3"), Map.of(), artifact(archive));
    }

    public static Manifest.ModelArtifact artifact(Path archive) {
        return new Manifest.ModelArtifact("model.tar.gz", Fingerprints.size(archive), Fingerprints.sha256Of(archive));
    }

    protected static ModelVersion v(String value) {
        return new ModelVersion(value);
    }

    protected static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One attempt of a racing writer. */
    protected interface Attempt {
        boolean run(int writer) throws Exception;
    }

    /** Runs {@code writers} attempts at once (as close as threads get) and waits for all of them. */
    protected static List<Future<Boolean>> race(int writers, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
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
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    protected static long winners(List<Future<Boolean>> results) throws Exception {
        long winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        return winners;
    }
}
