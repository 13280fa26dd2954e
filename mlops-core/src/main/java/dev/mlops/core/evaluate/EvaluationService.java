package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.handoff.TrainingJson;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.store.Alias;
import dev.mlops.core.store.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code mlops:evaluate}: serves a stored version from its archive with the model's own serving
 * entry point, batch-predicts the test channel through {@code /invocations}, computes the metrics,
 * decides the gate against the {@code production} version, records metrics, status and an audit
 * entry in the version's manifest and writes the reports. Bad input fails before the store changes.
 */
public final class EvaluationService {

    public static final String PRODUCTION = "production";
    private static final int TREND_VERSIONS = 30;

    private final ModelStore store;
    private final BatchPredictionBackend prediction;
    private final Clock clock;
    private final MlopsEvents events;

    public EvaluationService(ModelStore store, BatchPredictionBackend prediction, Clock clock, MlopsEvents events) {
        this.store = store;
        this.prediction = prediction;
        this.clock = clock;
        this.events = events;
    }

    /**
     * @throws GateFailedException when the gate failed and was not skipped, after recording it
     */
    public EvaluationReport evaluate(EvaluationRequest request) {
        Instant started = clock.instant();
        ModelVersion version = TrainingJson.in(request.outputDir()).versionToEvaluate(request.version(), request.model());
        if (request.version().isEmpty()) {
            events.info("Evaluating the version just trained (" + TrainingJson.in(request.outputDir()).file() + "): " + version);
        }
        EvaluationReports.deleteStale(request.outputDir());
        request.gate().requireMetricsOf(request.task());
        Manifest manifest = store.manifest(request.model(), version).orElseThrow(() -> new ConfigurationException(Text.of(
                "Version " + version + " of '" + request.model() + "' is not in the store " + store.describe()
                        + ". Train it with ", Goal.TRAIN, ", or pass a stored version with ", Setting.VERSION.any("version"),
                " (see ", Goal.STATUS, ").")));
        DataFingerprint testData = checkTestChannel(request.testChannel());
        // a production alias naming a lost version is an error, never "no production yet"
        Optional<ProductionGate.Production> production = store.aliasedManifest(request.model(), PRODUCTION)
                .map(m -> new ProductionGate.Production(m.version(), m.metrics()));

        events.info("Evaluating '" + request.model() + "' " + version + " on " + testData.files()
                + " test file(s) in " + request.testChannel() + " (" + request.task().label() + ")");
        EvaluationMetrics metrics = predict(request, version);
        requireGateMetrics(request.gate(), metrics);
        GateDecision decision = ProductionGate.decide(request.gate(), manifest.version(), metrics.metrics(), production);
        VersionStatus status = decision.passed() ? VersionStatus.APPROVED_BY_GATE : VersionStatus.REJECTED;

        Instant finished = clock.instant();
        EvaluationReport report = new EvaluationReport(manifest.model(), manifest.version(), finished.toString(),
                Duration.between(started, finished).toMillis(), store.describe(), request.testChannel().toString(),
                testData, metrics, request.gate().primaryMetric(), request.gate().direction(), production.orElse(null),
                decision, request.skipGate(), status, trend(request, version, metrics, status));
        // the store is changed last: a run that fails before it records nothing, and one it fails takes its files back
        MlopsEnv env = MlopsEnv.in(request.outputDir(), Optional.empty());
        Path dotenvFile = env.file();
        Optional<byte[]> dotenvBefore = readIfThere(dotenvFile);
        try {
            EvaluationReports.write(report, request.outputDir());
            env.evaluated(report.model(), report.version(), report.status().label(), report.gate().verdict(),
                    report.gateSkipped(), report.primaryMetric(),
                    ProductionGate.format(report.metrics().get(report.primaryMetric())));
            store.update(request.model(), version, m -> record(m, request, metrics, decision, testData, finished));
        } catch (RuntimeException e) {
            try {
                EvaluationReports.deleteStale(request.outputDir());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            restore(dotenvFile, dotenvBefore);
            throw e;
        }
        decision.checks().forEach(check -> events.info("  " + (check.failed() ? "FAILED " : "") + check.explanation()));
        if (!decision.passed()) {
            Text message = failureMessage(report, request.outputDir().resolve(EvaluationReports.MARKDOWN));
            if (!request.skipGate()) {
                throw new GateFailedException(message, decision);
            }
            events.warn(Text.of(message.toString().lines().findFirst().orElse(""), " Not failing the build: ",
                    Setting.GATE_SKIP, " is set; this is recorded in the manifest."));
        } else {
            events.info("Quality gate passed: '" + manifest.model() + "' " + manifest.version() + " is " + status.label());
        }
        return report;
    }

    private DataFingerprint checkTestChannel(Path dir) {
        Text fix = Text.of(" Set ", Setting.channel("test").any("directory"), ".");
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException(Text.of("The test channel points at " + dir + ", which "
                    + (Files.exists(dir) ? "is a file; a channel is a directory of data files." : "does not exist."), fix));
        }
        if (TestChannelReader.dataFiles(dir).isEmpty()) {
            throw new ConfigurationException(Text.of("The test channel at " + dir + " has no *.jsonl, *.ndjson or *.csv"
                    + " files (hidden files do not count).", fix));
        }
        List<Path> ignored = Fingerprints.regularFiles(dir).stream()
                .filter(f -> !TestChannelReader.supported(f) && !f.getFileName().toString().startsWith(".")).toList();
        if (!ignored.isEmpty()) {
            events.warn("Not evaluating " + ignored.size() + " file(s) of the test channel that are not *.jsonl, *.ndjson"
                    + " or *.csv: " + ignored.stream().map(f -> dir.relativize(f).toString()).collect(Collectors.joining(", ")));
        }
        return Fingerprints.directory(dir);
    }

    private EvaluationMetrics predict(EvaluationRequest request, ModelVersion version) {
        MetricsAccumulator metrics = MetricsAccumulator.forTask(request.task(), request.positiveClass());
        events.debug("Batch prediction on the " + prediction.name() + " backend");
        prediction.predict(new BatchPredictionJob(request.model(), version, request.testChannel(),
                request.layout(), request.prediction(), request.outputDir().resolve("evaluate")), metrics, events);
        EvaluationMetrics result = metrics.result();
        if (result.records() == 0) {
            throw new ConfigurationException("The test channel at " + request.testChannel() + " has no records: its"
                    + " files are empty. Put labelled test records in it.");
        }
        return result;
    }

    private static void requireGateMetrics(GateConfig gate, EvaluationMetrics metrics) {
        for (String metric : gate.metrics()) {
            if (!metrics.metrics().containsKey(metric)) {
                String why = metrics.notes().isEmpty() ? "" : " " + String.join(" ", metrics.notes());
                String classes = metrics.confusionMatrix() == null ? ""
                        : " The classes are " + String.join(", ", metrics.confusionMatrix().classes()) + ".";
                throw new ConfigurationException("The gate reads the metric '" + metric + "', which this evaluation"
                        + " could not compute." + why + classes + " Fix the gate configuration; nothing was recorded.");
            }
        }
    }

    private static Manifest record(Manifest manifest, EvaluationRequest request, EvaluationMetrics metrics,
            GateDecision decision, DataFingerprint testData, Instant at) {
        String detail = String.format(Locale.ROOT, "%s on %d records of the test data sha256 %s; gate %s%s (%s %s)",
                request.task().label(), metrics.records(), testData.sha256().substring(0, 12), decision.verdict(),
                decision.productionVersion() == null ? " with no production version"
                        : " against production " + decision.productionVersion(),
                request.gate().primaryMetric(), ProductionGate.format(metrics.metrics().get(request.gate().primaryMetric())));
        Manifest updated = manifest.withMetrics(metrics.metrics())
                .withStatus(decision.passed() ? VersionStatus.APPROVED_BY_GATE : VersionStatus.REJECTED)
                .withAudit(new Manifest.AuditEntry(at.toString(), "evaluated", detail, request.by()));
        if (request.skipGate()) {
            updated = updated.withAudit(new Manifest.AuditEntry(at.toString(), "gate-skipped",
                    decision.passed() ? "the gate passed anyway"
                            : "the gate failed on " + decision.failures().stream().map(GateCheck::metric)
                                    .collect(Collectors.joining(", ")) + "; the build was not failed (the gate was skipped on request)",
                    request.by()));
        }
        return updated;
    }

    private static Optional<byte[]> readIfThere(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restore(Path file, Optional<byte[]> content) {
        try {
            if (content.isPresent()) {
                Files.write(file, content.get());
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // the goal fails anyway, with the error that made it fail
        }
    }

    private List<EvaluationReport.TrendPoint> trend(EvaluationRequest request, ModelVersion version, EvaluationMetrics metrics,
            VersionStatus candidateStatus) {
        Map<String, List<String>> aliasesByVersion = new LinkedHashMap<>();
        for (Alias alias : store.aliases(request.model()).values()) {
            aliasesByVersion.computeIfAbsent(alias.version(), v -> new ArrayList<>()).add(alias.name());
        }
        List<EvaluationReport.TrendPoint> points = new ArrayList<>();
        // the trend needs no one version: an unreadable one is left out with a warning
        for (Manifest m : store.versions(request.model(), events)) {
            boolean candidate = m.version().equals(version.value());
            points.add(new EvaluationReport.TrendPoint(m.version(), m.createdAt(),
                    candidate ? metrics.metrics().get(request.gate().primaryMetric()) : m.metrics().get(request.gate().primaryMetric()),
                    candidate ? candidateStatus : m.status(), aliasesByVersion.getOrDefault(m.version(), List.of()),
                    candidate));
        }
        return points.subList(Math.max(0, points.size() - TREND_VERSIONS), points.size());
    }

    static Text failureMessage(EvaluationReport report, Path details) {
        StringBuilder message = new StringBuilder("Quality gate failed for '" + report.model() + "' " + report.version()
                + (report.production() == null ? " (no production version yet)" : " against production "
                        + report.production().version()) + ":");
        report.gate().failures().forEach(check -> message.append("\n  - ").append(check.explanation()));
        message.append("\nThe version is now ").append(report.status().label())
                .append("; nothing else changed. Details: ").append(details).append('.');
        // production was evaluated before a metric joined the gate: say how to give it one
        boolean unmeasured = report.production() != null && report.gate().failures().stream()
                .anyMatch(check -> check.reference() == null && check.kind() != GateCheck.Kind.FLOOR
                        && check.kind() != GateCheck.Kind.CEILING);
        return Text.of(message, unmeasured ? Text.of(" Evaluate production again with ",
                        Goal.EVALUATE.with(Setting.VERSION.is(report.production().version())), ".") : "",
                " To continue despite the gate (recorded in the manifest), pass ", Setting.GATE_SKIP, ".");
    }
}
