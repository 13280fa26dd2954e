package dev.mlops.core.evaluate;

import dev.mlops.testmodels.KeywordClassifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.RecordingEvents;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.FileModelStore;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evaluations through the real runtime's server in a forked JVM, with a keyword model. */
class EvaluationServiceTest {

    private static final ModelName MODEL = new ModelName("keywords");
    private static final ModelVersion V1 = new ModelVersion("1.0.0");
    private static final ModelVersion V2 = new ModelVersion("1.1.0");

    @TempDir Path temp;
    private FileModelStore store;
    private Path testData;

    @BeforeEach
    void storeAModelAndTestData() throws Exception {
        store = new FileModelStore(temp.resolve("store"));
        testData = Files.createDirectories(temp.resolve("data/test"));
        // keyword "win": spam "win money" right, spam "cheap pills" missed, ham "win lunch" wrongly spam, two hams right
        Files.writeString(testData.resolve("emails.jsonl"), """
                {"label":"spam","text":"win money"}
                {"label":"spam","text":"cheap pills"}
                {"label":"ham","text":"win lunch"}
                {"label":"ham","text":"lunch at noon"}
                {"label":"ham","text":"meeting notes"}
                """);
        publish(V1, "2026-01-01T00:00:00Z");
    }

    @Test
    void evaluatesThroughTheModelsOwnServerAndRecordsMetricsStatusAndReports() throws Exception {
        EvaluationReport report = service().evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false));

        assertEquals(5, report.evaluation().records());
        assertEquals(0.6, report.metrics().get("accuracy"), 1e-9);
        assertEquals(0.5, report.metrics().get("recall.spam"), 1e-9);
        assertEquals(List.of(List.of(2L, 1L), List.of(1L, 1L)), report.evaluation().confusionMatrix().counts());
        Manifest stored = store.manifest(MODEL, V1).orElseThrow();
        assertEquals(VersionStatus.APPROVED_BY_GATE, stored.status(), "no production yet and no floors: passes");
        assertEquals(0.6, stored.metrics().get("accuracy"), 1e-9);
        assertEquals("evaluated", stored.audit().get(0).action());
        assertEquals("tester", stored.audit().get(0).by());

        Path out = temp.resolve("target/mlops");
        assertTrue(Files.readString(out.resolve("metrics.txt")).contains("accuracy 0.600000\n"));
        assertTrue(Files.readString(out.resolve("evaluation.md")).contains("passed the quality gate"));
        String html = Files.readString(out.resolve("evaluation.html"));
        assertTrue(html.contains("<svg") && html.contains("Confusion matrix") && html.contains("ROC curve"), "pictures");
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("<link"), "self-contained");
        assertTrue(Files.readString(out.resolve("evaluation.json")).contains("\"status\" : \"approved-by-gate\""));
        assertTrue(Files.readString(out.resolve("mlops.env")).contains("MLOPS_GATE=passed\n"));
        assertTrue(Files.readString(out.resolve("mlops.env")).contains("MLOPS_EVALUATED_VERSION=1.0.0\n"));
    }

    @Test
    void aCandidateWorseThanProductionIsRejectedAndNothingElseChanges() throws Exception {
        makeProduction(V1, 0.99);
        publish(V2, "2026-02-01T00:00:00Z");
        String productionBefore = manifestFile(V1);

        GateFailedException e = assertThrows(GateFailedException.class,
                () -> service().evaluate(request(V2, GateConfig.defaults(TaskType.CLASSIFICATION), false)));

        assertTrue(e.getMessage().contains("primary f1_macro: candidate 0.5833 vs 0.9900 in production 1.0.0"), e.getMessage());
        assertEquals(VersionStatus.REJECTED, store.manifest(MODEL, V2).orElseThrow().status());
        assertEquals("1.0.0", store.alias(MODEL, "production").orElseThrow().version());
        assertEquals(productionBefore, manifestFile(V1));
        assertTrue(Files.readString(temp.resolve("target/mlops/evaluation.md")).contains("❌"));
    }

    @Test
    void aSkippedGateDoesNotFailButIsRecordedInTheManifest() throws Exception {
        makeProduction(V1, 0.99);
        publish(V2, "2026-02-01T00:00:00Z");

        EvaluationReport report = service().evaluate(request(V2, GateConfig.defaults(TaskType.CLASSIFICATION), true));

        assertFalse(report.gate().passed());
        Manifest stored = store.manifest(MODEL, V2).orElseThrow();
        assertEquals(VersionStatus.REJECTED, stored.status());
        assertEquals(List.of("evaluated", "gate-skipped"), stored.audit().stream().map(Manifest.AuditEntry::action).toList());
        assertTrue(stored.audit().get(1).detail().contains("f1_macro"), stored.audit().get(1).detail());
    }

    @Test
    void aLabelTheModelHasNeverSeenFailsNamingItAndLeavesTheRegistryUnchanged() throws Exception {
        Files.writeString(testData.resolve("emails.jsonl"), "{\"label\":\"spam\",\"text\":\"win\"}\n"
                + "{\"label\":\"phishing\",\"text\":\"click here\"}\n");
        String before = manifestFile(V1);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> service().evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false)));

        assertTrue(e.getMessage().contains("emails.jsonl line 2 has the label 'phishing'"), e.getMessage());
        assertEquals(before, manifestFile(V1));
        assertFalse(Files.exists(temp.resolve("target/mlops/evaluation.json")));
    }

    @Test
    void aGateOnAClassThereIsNotFailsNamingTheClassesAndLeavesTheRegistryUnchanged() throws Exception {
        String before = manifestFile(V1);
        GateConfig gate = new GateConfig("f1.phishing", MetricDirection.HIGHER, 0, Map.of(), Map.of(), Map.of());

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> service().evaluate(request(V1, gate, false)));

        assertTrue(e.getMessage().contains("'f1.phishing'") && e.getMessage().contains("The classes are ham, spam"), e.getMessage());
        assertEquals(before, manifestFile(V1));
    }

    @Test
    void aVersionThatIsNotStoredIsAnErrorBeforeAnythingRuns() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> service().evaluate(request(new ModelVersion("9.9.9"), GateConfig.defaults(TaskType.CLASSIFICATION), false)));
        assertTrue(e.getMessage().contains("Version 9.9.9 of 'keywords' is not in the store"), e.getMessage());
    }

    @Test
    void racingEvaluationsOfOneVersionLoseNoUpdate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<EvaluationReport>> runs = List.of(
                    pool.submit(() -> service().evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false, "a"))),
                    pool.submit(() -> service().evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false, "b"))));
            for (Future<EvaluationReport> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Manifest stored = store.manifest(MODEL, V1).orElseThrow();
        assertEquals(2, stored.audit().size(), "both evaluations are recorded: " + stored.audit());
        assertEquals(VersionStatus.APPROVED_BY_GATE, stored.status());
    }

    @Test
    void aProductionAliasNamingALostVersionFailsInsteadOfApprovingAWorseModel() throws Exception {
        publish(V2, "2026-02-01T00:00:00Z");
        makeProduction(V2, 0.99);
        dev.mlops.core.io.MoreFiles.deleteRecursively(temp.resolve("store/models/keywords/1.1.0"));
        String before = manifestFile(V1);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> service().evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false)));

        assertTrue(e.getMessage().contains("alias 'production'") && e.getMessage().contains("version 1.1.0")
                && e.getMessage().contains(store.describe()) && e.text().goals().contains(Goal.DEPLOY), e.getMessage());
        assertEquals(before, manifestFile(V1));
        assertFalse(Files.exists(temp.resolve("target/mlops/evaluation.json")));
    }

    @Test
    void anUnreadableManifestOfAnotherVersionIsLeftOutOfTheTrendWithAWarning() throws Exception {
        publish(V2, "2026-02-01T00:00:00Z");
        Path broken = temp.resolve("store/models/keywords/1.1.0/manifest.json");
        Files.writeString(broken, "{\"model\":\"keywords\",");
        RecordingEvents events = new RecordingEvents();

        EvaluationReport report = service(events).evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false));

        assertEquals(List.of("1.0.0"), report.trend().stream().map(EvaluationReport.TrendPoint::version).toList());
        assertEquals(VersionStatus.APPROVED_BY_GATE, report.trend().get(0).status(), "the candidate's new status");
        assertTrue(events.warnings().stream().anyMatch(w -> w.contains(broken.toString())), events.warnings().toString());
        assertEquals(VersionStatus.APPROVED_BY_GATE, store.manifest(MODEL, V1).orElseThrow().status());
    }

    @Test
    void aRunThatFailsAfterTheGateDecidedRecordsNothing() throws Exception {
        publish(V2, "2026-02-01T00:00:00Z");
        Files.writeString(temp.resolve("store/models/keywords/1.1.0/manifest.json"), "{");
        Path out = Files.createDirectories(temp.resolve("target/mlops"));
        Files.writeString(out.resolve("mlops.env"), "MLOPS_VERSION=1.0.0\n");
        String before = manifestFile(V1);
        // the trend's warning comes after the gate decided: then make the report unwritable
        RecordingEvents blockReports = new RecordingEvents(warning -> {
            try {
                Files.createDirectories(out.resolve(EvaluationReports.MARKDOWN).resolve("in-the-way"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThrows(dev.mlops.core.InfrastructureException.class,
                () -> service(blockReports).evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false)));

        assertEquals(before, manifestFile(V1), "no approved-by-gate, no audit entry");
        assertFalse(Files.exists(out.resolve(EvaluationReports.JSON)));
        assertEquals("MLOPS_VERSION=1.0.0\n", Files.readString(out.resolve("mlops.env")));
    }

    @Test
    void anArchiveThatIsNotTheOneStoredIsNeverEvaluated() throws Exception {
        Path archive = temp.resolve("store/models/keywords/1.0.0/model.tar.gz");
        Files.write(archive, new byte[] {31, -117, 8, 0});
        String before = manifestFile(V1);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> service().evaluate(request(V1, GateConfig.defaults(TaskType.CLASSIFICATION), false)));

        assertTrue(e.getMessage().contains(archive.toString()) && e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(before, manifestFile(V1));
    }

    private EvaluationService service() {
        return service(MlopsEvents.NONE);
    }

    private EvaluationService service(MlopsEvents events) {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> classpath = Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        ModelJvm jvm = new ModelJvm(Path.of(System.getProperty("java.home"), "bin", "java"), classpath, List.of("-Xmx64m"),
                Map.of("MLOPS_MODEL_CLASS", KeywordClassifier.class.getName()));
        return new EvaluationService(store, new LocalBatchPredictionBackend(
                new LocalBatchPredictionBackend.Settings(jvm, TarGz.Limits.DEFAULT), store, Clock.systemUTC()),
                Clock.systemUTC(), events);
    }

    private EvaluationRequest request(ModelVersion version, GateConfig gate, boolean skipGate) {
        return request(version, gate, skipGate, "main");
    }

    private EvaluationRequest request(ModelVersion version, GateConfig gate, boolean skipGate, String outputName) {
        Path out = outputName.equals("main") ? temp.resolve("target/mlops") : temp.resolve("target-" + outputName);
        return new EvaluationRequest(MODEL, Optional.of(version), TaskType.CLASSIFICATION, testData, RecordLayout.DEFAULT, Optional.empty(),
                gate, skipGate, new BatchPredictor.Settings(2, Duration.ofSeconds(30)), "tester", out);
    }

    private void publish(ModelVersion version, String createdAt) throws Exception {
        Path modelDir = Files.createDirectories(temp.resolve("model-" + version));
        Files.writeString(modelDir.resolve("keyword.txt"), "win");
        Path archive = temp.resolve("model-" + version + ".tar.gz");
        TarGz.archive(modelDir, archive);
        store.publish(Manifest.candidate(MODEL.value(), version.value(), createdAt, null, "local", null, Map.of(), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", Files.size(archive), Fingerprints.sha256Of(archive))), archive);
    }

    private void makeProduction(ModelVersion version, double f1) {
        store.update(MODEL, version, m -> m.withMetrics(Map.of("f1_macro", f1)).withStatus(VersionStatus.APPROVED_BY_GATE));
        store.moveAlias(MODEL, "production", version, Optional.empty(), Instant.parse("2026-01-02T00:00:00Z"));
    }

    private String manifestFile(ModelVersion version) throws Exception {
        return Files.readString(temp.resolve("store/models/keywords/" + version + "/manifest.json"));
    }
}
