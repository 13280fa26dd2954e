package dev.mlops.core.train;

import dev.mlops.testmodels.SleepingModel;
import dev.mlops.testmodels.WordCountModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.FileModelStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole of mlops:train below Maven: a real forked JVM running the real runtime on a test model. */
class TrainingServiceTest {

    private static final ModelName MODEL = new ModelName("word-count");

    @TempDir Path temp;

    private FileModelStore store;
    private final List<String> trainingLog = Collections.synchronizedList(new ArrayList<>());
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T16:14:40Z"), ZoneOffset.UTC);

    @BeforeEach
    void data() throws Exception {
        store = new FileModelStore(temp.resolve("store"));
        Files.createDirectories(temp.resolve("data/train"));
        Files.writeString(temp.resolve("data/train/a.txt"), "one two three");
        Files.writeString(temp.resolve("data/train/b.txt"), "four five");
    }

    @Test
    void trainsInAForkedJvmAndStoresTheModelWithItsManifest() throws Exception {
        TrainingReport report = service(Map.of()).train(request(Optional.of("1.0.0"), Map.of("scale", "2")));

        assertTrue(trainingLog.contains("counted 5 words"), "training log streamed: " + trainingLog);
        Manifest manifest = store.manifest(MODEL, new ModelVersion("1.0.0")).orElseThrow();
        assertEquals(report.manifest(), manifest);
        assertEquals(VersionStatus.CANDIDATE, manifest.status());
        assertEquals(Map.of("scale", "2"), manifest.hyperparameters());
        assertEquals(2, manifest.data().get("train").files());
        assertEquals(22, manifest.data().get("train").bytes());
        assertEquals("local", manifest.backend());
        assertEquals("0123456789012345678901234567890123456789", manifest.gitCommit());

        Path unpacked = temp.resolve("unpacked");
        TarGz.extract(temp.resolve("store/models/word-count/1.0.0/model.tar.gz"), unpacked);
        assertEquals("10", Files.readString(unpacked.resolve("count.txt")));

        assertEquals(report, JsonFiles.read(temp.resolve("target/mlops/training.json"), TrainingReport.class));
        Map<String, String> env = DotEnvFile.read(temp.resolve("target/mlops/mlops.env"));
        assertEquals("1.0.0", env.get("MLOPS_VERSION"));
        assertEquals(report.modelUri(), env.get("MLOPS_MODEL_URI"));
        assertTrue(Files.isSymbolicLink(temp.resolve("target/mlops/train/ml/input/data/train")));
    }

    @Test
    void withoutAVersionItStoresADevelopmentVersion() {
        TrainingReport report = service(Map.of()).train(request(Optional.empty(), Map.of()));
        assertEquals("0.0.0-dev.20261125161440", report.manifest().version());
    }

    @Test
    void takesTheVersionReservedByTheVersionGoalAndTheImagePackagedForIt() {
        store.reserve(MODEL, new ModelVersion("2.0.0"));
        DotEnvFile.merge(temp.resolve("target/mlops/mlops.env"), Map.of("MLOPS_VERSION", "2.0.0",
                "MLOPS_VERSION_REASON", "feat: since 1.9.0", "MLOPS_IMAGE", "registry.example/word-count:2.0.0",
                "MLOPS_IMAGE_DIGEST", "sha256:0123"));

        Manifest first = service(Map.of()).train(request(Optional.empty(), Map.of())).manifest();
        assertEquals("2.0.0", first.version());
        assertEquals("registry.example/word-count:2.0.0", first.image());
        assertEquals("sha256:0123", first.imageDigest());

        // once stored, the reserved version is not taken again: the next run is a development version
        Manifest second = service(Map.of()).train(request(Optional.empty(), Map.of())).manifest();
        assertEquals("0.0.0-dev.20261125161440", second.version());
        assertEquals(null, second.imageDigest());
    }

    @Test
    void aModelFailureReportsTheFailureFileAndStoresNothing() throws Exception {
        Files.writeString(temp.resolve("data/train/c.txt"), "a poison pill");
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> service(Map.of()).train(request(Optional.of("1.0.0"), Map.of())));
        assertTrue(e.failure().startsWith("c.txt holds the word 'poison'"), e.failure());
        assertEquals(1, e.exitCode());
        assertNothingStored();
        // the build shows the failure file in its error; the streamed log says where, not what, a second time
        String output = String.join("\n", trainingLog) + "\n" + e.getMessage();
        assertEquals(1, output.split("holds the word 'poison'", -1).length - 1, output);
        assertTrue(String.join("\n", trainingLog).contains("\tat dev.mlops.testmodels.WordCountModel.train"), output);
    }

    @Test
    void aRejectedHyperparameterIsNamedWithItsValue() {
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> service(Map.of()).train(request(Optional.of("1.0.0"), Map.of("scale", "eleven"))));
        assertTrue(e.failure().contains("scale") && e.failure().contains("eleven"), e.failure());
        assertNothingStored();
    }

    @Test
    void anExistingVersionIsRefusedBeforeTraining() {
        service(Map.of()).train(request(Optional.of("1.0.0"), Map.of()));
        trainingLog.clear();
        assertThrows(ConfigurationException.class,
                () -> service(Map.of()).train(request(Optional.of("1.0.0"), Map.of())));
        assertTrue(trainingLog.isEmpty(), "nothing may run: " + trainingLog);
    }

    @Test
    void aFailedRunRemovesThePreviousReport() throws Exception {
        service(Map.of()).train(request(Optional.of("1.0.0"), Map.of()));
        Files.writeString(temp.resolve("data/train/c.txt"), "poison");
        assertThrows(TrainingFailedException.class,
                () -> service(Map.of()).train(request(Optional.of("2.0.0"), Map.of())));
        assertFalse(Files.exists(temp.resolve("target/mlops/training.json")));
    }

    @Test
    void aClassPathWithoutTheRuntimeIsAConfigurationError() {
        LocalTrainingBackend backend = new LocalTrainingBackend(new LocalTrainingBackend.Settings(
                new ModelJvm(java(), List.of(temp), List.of(), Map.of()), Duration.ofMinutes(1)), clock);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new TrainingService(store, backend, clock, MlopsEvents.NONE).train(request(Optional.empty(), Map.of())));
        assertTrue(e.getMessage().contains("dev.mlops:mlops-runtime"), e.getMessage());
    }

    @Test
    void trainingPastTheTimeoutIsStopped() {
        LocalTrainingBackend backend = new LocalTrainingBackend(new LocalTrainingBackend.Settings(
                new ModelJvm(java(), classpath(), List.of(), Map.of("MLOPS_MODEL_CLASS", SleepingModel.class.getName())),
                Duration.ofSeconds(2)), clock);
        TrainingFailedException e = assertThrows(TrainingFailedException.class,
                () -> new TrainingService(store, backend, clock, MlopsEvents.NONE).train(request(Optional.empty(), Map.of())));
        assertTrue(e.failure().contains("train.timeout"), e.failure());
        assertNothingStored();
    }

    private void assertNothingStored() {
        assertEquals(List.of(), store.versions(MODEL));
    }

    private TrainingService service(Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.putIfAbsent("MLOPS_MODEL_CLASS", WordCountModel.class.getName());
        LocalTrainingBackend backend = new LocalTrainingBackend(
                new LocalTrainingBackend.Settings(new ModelJvm(java(), classpath(), List.of("-Xmx128m"), env), Duration.ofMinutes(2)),
                clock);
        return new TrainingService(store, backend, clock, recording());
    }

    private TrainingRequest request(Optional<String> version, Map<String, String> hyperparameters) {
        return new TrainingRequest(MODEL, version.map(ModelVersion::new), Map.of("train", temp.resolve("data/train")),
                hyperparameters, temp.resolve("target/mlops"), Optional.of("0123456789012345678901234567890123456789"),
                Optional.empty());
    }

    private MlopsEvents recording() {
        return new MlopsEvents() {
            @Override public void info(String message) {}
            @Override public void warn(String message) {}
            @Override public void debug(String message) {}
            @Override public void processOutput(String line) {
                trainingLog.add(line);
            }
        };
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    // surefire puts the test class path here when java.class.path is only its booter
    static List<Path> classpath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }
}
