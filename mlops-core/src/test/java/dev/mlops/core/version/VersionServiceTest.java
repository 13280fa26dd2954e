package dev.mlops.core.version;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.store.FileModelStore;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionServiceTest {

    private static final ModelName MODEL = new ModelName("spam");

    @TempDir
    Path dir;

    /** Commits by id, newest first; "since" cuts the list at that id. */
    private record FakeLog(List<String> ids, Map<String, String> messages, Map<String, String> tags) implements CommitLog {
        @Override public Optional<String> resolve(String revision) {
            String name = revision.replace("refs/tags/", "");
            return tags.containsKey(name) ? Optional.of(tags.get(name)) : ids.contains(revision) ? Optional.of(revision) : Optional.empty();
        }
        @Override public List<String> messagesSince(Optional<String> since) {
            int end = since.map(ids::indexOf).filter(i -> i >= 0).orElse(ids.size());
            return ids.subList(0, end).stream().map(messages::get).toList();
        }
        @Override public Optional<String> head() {
            return Optional.of(ids.get(0));
        }
    }

    private final FakeLog log = new FakeLog(List.of("c3", "c2", "c1"),
            Map.of("c3", "feat: bigrams", "c2", "fix: tokenizer", "c1", "feat!: first"), Map.of("v1.0.0", "c2"));

    @Test
    void anUnreadableManifestOfTheLatestReleaseFallsBackToItsTagWithAWarning() throws Exception {
        FileModelStore store = new FileModelStore(dir.resolve("store"));
        Path version = java.nio.file.Files.createDirectories(dir.resolve("store/models/spam/1.0.0"));
        java.nio.file.Files.writeString(version.resolve("manifest.json"), "{\"model\":\"spam\",\"version\":\"1.0.0\"}");
        java.nio.file.Files.createDirectories(dir.resolve("store/models/spam/.reservations/not-a-version"));
        dev.mlops.core.RecordingEvents events = new dev.mlops.core.RecordingEvents();

        VersionReport report = new VersionService(store, log, events)
                .reserveNext(new VersionRequest(MODEL, Optional.empty(), CiEnvironment.NONE, dir.resolve("out"), Optional.empty()));

        assertEquals("1.1.0", report.version().value(), "1.0.0 is taken although its manifest is incomplete");
        assertEquals(Optional.of("c2"), report.since(), "from the tag v1.0.0");
        assertTrue(events.warnings().stream().anyMatch(w -> w.contains(version.resolve("manifest.json").toString())
                && w.contains("createdAt")), events.warnings().toString());
    }

    @Test
    void onlyTheCommitsSinceTheReleasesTagCount() {
        FileModelStore store = new FileModelStore(dir.resolve("store"));
        store.reserve(MODEL, new ModelVersion("1.0.0"));
        VersionReport report = new VersionService(store, log, MlopsEvents.NONE)
                .reserveNext(new VersionRequest(MODEL, Optional.empty(), CiEnvironment.NONE, dir.resolve("out"), Optional.empty()));

        assertEquals("1.1.0", report.version().value(), "feat after the tag; the feat! before it does not count");
        assertEquals(Optional.of("c2"), report.since());
        assertEquals("1.1.0", DotEnvFile.read(dir.resolve("out/mlops.env")).get("MLOPS_VERSION"));
        assertEquals("1.0.0", DotEnvFile.read(dir.resolve("out/mlops.env")).get("MLOPS_VERSION_PREVIOUS"));
        assertTrue(store.reservedOrStored(MODEL).contains(new ModelVersion("1.1.0")));
    }

    @Test
    void pipelinesRunningAtOnceNeverGetTheSameVersion() throws Exception {
        FileModelStore store = new FileModelStore(dir.resolve("store"));
        store.reserve(MODEL, new ModelVersion("1.0.0"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<VersionReport>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Path out = dir.resolve("out" + i);
                runs.add(pool.submit(() -> new VersionService(store, log, MlopsEvents.NONE)
                        .reserveNext(new VersionRequest(MODEL, Optional.empty(), CiEnvironment.NONE, out, Optional.empty()))));
            }
            Set<ModelVersion> versions = new HashSet<>();
            for (Future<VersionReport> run : runs) {
                versions.add(run.get().version());
            }
            assertEquals(8, versions.size(), versions.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExplicitVersionIsReservedOnce() {
        FileModelStore store = new FileModelStore(dir.resolve("store"));
        VersionService service = new VersionService(store, log, MlopsEvents.NONE);
        VersionRequest request = new VersionRequest(MODEL, Optional.of(new ModelVersion("2.0.0")), CiEnvironment.NONE, dir, Optional.empty());
        assertEquals("explicit", service.reserveNext(request).reason());
        ConfigurationException again = assertThrows(ConfigurationException.class, () -> service.reserveNext(request));
        assertEquals(Setting.VERSION, again.setting().orElseThrow(), again.getMessage());
    }

    @Test
    void anInvalidVersionNamesTheFlag() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ModelVersion("v1.2"));
        assertEquals(Setting.VERSION, e.setting().orElseThrow(), e.getMessage());
    }
}
