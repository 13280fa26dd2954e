package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.Fingerprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileModelStoreTest {

    private static final ModelName MODEL = new ModelName("spam");

    @TempDir Path temp;

    @Test
    void publishedVersionIsListedWithItsManifestAndArchive() throws IOException {
        FileModelStore store = new FileModelStore(temp.resolve("store"));
        Path archive = archive("model-bytes");
        StoredVersion stored = store.publish(manifest("1.0.0", "2026-11-25T10:00:00Z", archive), archive);

        assertTrue(store.exists(MODEL, new ModelVersion("1.0.0")));
        assertEquals(List.of("1.0.0"), store.versions(MODEL).stream().map(Manifest::version).toList());
        assertEquals(manifest("1.0.0", "2026-11-25T10:00:00Z", archive), store.manifest(MODEL, new ModelVersion("1.0.0")).orElseThrow());
        Path stored_archive = Path.of(java.net.URI.create(stored.modelUri()));
        assertEquals("model-bytes", Files.readString(stored_archive));
        assertEquals(temp.resolve("store/models/spam/1.0.0/model.tar.gz"), stored_archive);
    }

    @Test
    void versionsAreListedOldestFirst() {
        FileModelStore store = new FileModelStore(temp);
        publish(store, "2.0.0", "2026-11-25T12:00:00Z", "b");
        publish(store, "1.0.0", "2026-11-25T10:00:00Z", "a");
        assertEquals(List.of("1.0.0", "2.0.0"), store.versions(MODEL).stream().map(Manifest::version).toList());
        assertEquals(List.of(), store.versions(new ModelName("other")));
    }

    @Test
    void aStoredVersionIsNeverOverwritten() throws IOException {
        FileModelStore store = new FileModelStore(temp);
        publish(store, "1.0.0", "2026-11-25T10:00:00Z", "first");
        byte[] before = Files.readAllBytes(temp.resolve("models/spam/1.0.0/model.tar.gz"));

        VersionExistsException e = assertThrows(VersionExistsException.class,
                () -> publish(store, "1.0.0", "2026-11-25T11:00:00Z", "second"));
        assertTrue(e.getMessage().contains("1.0.0") && e.setting().equals(Optional.of(Setting.VERSION)), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(temp.resolve("models/spam/1.0.0/model.tar.gz")));
        assertEquals("2026-11-25T10:00:00Z", store.manifest(MODEL, new ModelVersion("1.0.0")).orElseThrow().createdAt());
        assertNoStagingLeft();
    }

    @Test
    void racingWritersOfOneVersionHaveExactlyOneWinner() throws Exception {
        FileModelStore store = new FileModelStore(temp);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String content = "writer-" + i;
            Path archive = archive(content);
            Callable<String> write = () -> {
                start.await();
                try {
                    store.publish(manifest("3.0.0", "2026-11-25T10:00:0" + content.charAt(7) + "Z", archive), archive);
                    return content;
                } catch (VersionExistsException lost) {
                    return "lost";
                }
            };
            results.add(pool.submit(write));
        }
        start.countDown();
        List<String> winners = new ArrayList<>();
        for (Future<String> result : results) {
            if (!result.get().equals("lost")) {
                winners.add(result.get());
            }
        }
        pool.shutdown();
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals(winners.get(0), Files.readString(temp.resolve("models/spam/3.0.0/model.tar.gz")));
        assertNoStagingLeft();
    }

    @Test
    void aStoreThatCannotBeWrittenIsReportedWithItsLocation() throws IOException {
        Path aFile = Files.writeString(temp.resolve("not-a-directory"), "x");
        FileModelStore store = new FileModelStore(aFile.resolve("store"));
        ConfigurationException e = assertThrows(ConfigurationException.class, store::checkWritable);
        assertTrue(e.getMessage().contains(aFile.toString()) && e.setting().equals(Optional.of(Setting.STORE)), e.getMessage());
        assertFalse(Files.isDirectory(aFile));
    }

    private void assertNoStagingLeft() throws IOException {
        try (Stream<Path> children = Files.list(temp.resolve("models/spam"))) {
            assertEquals(List.of(), children.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    private Path archive(String content) {
        try {
            return Files.writeString(Files.createTempFile(temp, "archive", ".tar.gz"), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private StoredVersion publish(FileModelStore store, String version, String createdAt, String content) {
        Path archive = archive(content);
        return store.publish(manifest(version, createdAt, archive), archive);
    }

    static Manifest manifest(String version, String createdAt, Path archive) {
        return Manifest.candidate("spam", version, createdAt, null, "local",
                new Manifest.TrainingTimes(createdAt, createdAt, 1234), Map.of("epochs", "3"), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", Fingerprints.size(archive), Fingerprints.sha256Of(archive)));
    }
}
