package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.evaluate.BatchPredictor;
import dev.mlops.core.evaluate.EvaluationReport;
import dev.mlops.core.evaluate.EvaluationRequest;
import dev.mlops.core.evaluate.EvaluationService;
import dev.mlops.core.evaluate.LocalBatchPredictionBackend;
import dev.mlops.core.evaluate.TaskType;
import dev.mlops.core.evaluate.EvaluationReports;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.handoff.TrainingJson;
import java.nio.file.Files;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.EvaluateSettings;
import dev.mlops.maven.settings.SettingsReader;
import dev.mlops.maven.wiring.Backends;
import dev.mlops.maven.wiring.GoalContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Evaluates a stored version on the test channel by batch prediction through the model's own
 * {@code /invocations}, records the metrics and the gate's verdict in its manifest, and fails the
 * build when the quality gate against the {@code production} version fails. Writes
 * {@code evaluation.json}, {@code evaluation.md}, {@code evaluation.html} and {@code metrics.txt}.
 */
@Mojo(name = "evaluate", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class EvaluateMojo extends AbstractModelMojo {

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    /** The stored version to evaluate; by default the one {@code mlops:train} just stored ({@code training.json}). */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /** {@code classification} or {@code regression}: decides the metrics. */
    @Parameter(property = MlopsProperties.EVALUATE_TASK, defaultValue = "classification")
    String task;

    /** The channel that holds the labelled test records. */
    @Parameter(property = MlopsProperties.EVALUATE_CHANNEL, defaultValue = "test")
    String testChannel;

    /** The class whose ROC curve a binary classification draws; by default the last class by name (spam, 1, true). */
    @Parameter(property = MlopsProperties.EVALUATE_POSITIVE_CLASS)
    String positiveClass;

    /** At most this many records per request, within the server's MaxPayloadInMB. */
    @Parameter(property = MlopsProperties.EVALUATE_MAX_RECORDS_PER_REQUEST, defaultValue = "1000")
    String maxRecordsPerRequest;

    /** Extra arguments for the model server's JVM, e.g. {@code -Xmx1g}. */
    @Parameter(property = MlopsProperties.EVALUATE_JVM_ARGS)
    String jvmArgs;

    /** The quality gate against the production version; see the goal's documentation. */
    @Parameter
    GateParameters gate;

    /** Does not fail the build when the gate fails; the verdict and this override are recorded in the manifest. */
    @Parameter(property = MlopsProperties.GATE_SKIP, defaultValue = "false")
    boolean skipGate;

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.EVALUATE_SKIP, defaultValue = "false")
    boolean skipEvaluate;

    @Override
    protected String goal() {
        return "evaluate";
    }

    @Override
    protected boolean skipGoal() {
        return reader().flag(MlopsProperties.EVALUATE_SKIP, skipEvaluate);
    }

    @Override
    protected void run() {
        EvaluateSettings settings = settings();
        GoalContext goal = goalContext(modelStore(settings.common()), "[serve] ");
        EvaluationService service = new EvaluationService(goal.store(), Backends.batchPrediction(settings, goal), clock(),
                goal.events());
        EvaluationReport report;
        try {
            report = service.evaluate(settings.request());
        } catch (TrainingJson.NoTrainedVersionException e) {
            throw new ConfigurationException("No version to evaluate: " + e.file() + " names no trained version of '"
                    + e.model() + "'. Run mvn mlops:train first, or pass a stored version with -D" + MlopsProperties.VERSION
                    + "=<version> (see mvn mlops:status).", e);
        } finally {
            publishReport(settings.common());
        }
        getLog().info("Reports: " + settings.common().outputDir().resolve("evaluation.html"));
        if (report.gateSkipped()) {
            getLog().warn("The quality gate was skipped (" + MlopsProperties.GATE_SKIP + "); recorded in the manifest.");
        }
    }

    /** In a CI job, where its artifacts show the report (also when the gate failed), for mlops:notify. */
    private void publishReport(CommonSettings common) {
        Path html = common.outputDir().resolve(EvaluationReports.HTML).toAbsolutePath();
        Optional<String> job = ci().jobUrl();
        Optional<Path> checkout = ci().pipeline().projectDir().map(Path::of);
        if (job.isPresent() && checkout.isPresent() && Files.isRegularFile(html) && html.startsWith(checkout.get())) {
            MlopsEnv.in(common.outputDir(), Optional.of(common.baseDir())).reportPublished(job.get() + "/artifacts/file/"
                    + checkout.get().relativize(html).toString().replace('\\', '/'));
        }
    }

    EvaluateSettings settings() {
        SettingsReader read = reader();
        CommonSettings common = commonSettings();
        TaskType taskType = TaskType.parse(read.string(MlopsProperties.EVALUATE_TASK, task));
        String channel = read.string(MlopsProperties.EVALUATE_CHANNEL, testChannel);
        Path testDir = channelDirs().get(channel);
        if (testDir == null) {
            throw new ConfigurationException("No '" + channel + "' channel is configured to evaluate on. Add <channels><"
                    + channel + ">path/to/test/data</" + channel + "></channels> to the plugin configuration or pass -D"
                    + MlopsProperties.CHANNEL_PREFIX + channel + "=<directory>.");
        }
        int perRequest = read.integer(MlopsProperties.EVALUATE_MAX_RECORDS_PER_REQUEST, maxRecordsPerRequest, 1,
                Integer.MAX_VALUE);
        EvaluationRequest request = new EvaluationRequest(common.model(), requestedVersion(version), taskType, testDir,
                recordLayout(), read.optional(MlopsProperties.EVALUATE_POSITIVE_CLASS, positiveClass),
                GateParameters.toConfig(gate, read, taskType), read.flag(MlopsProperties.GATE_SKIP, skipGate),
                new BatchPredictor.Settings(perRequest, REQUEST_TIMEOUT), actor(), common.outputDir());
        return new EvaluateSettings(common, request, new LocalBatchPredictionBackend.Settings(
                modelJvm(read.list(MlopsProperties.EVALUATE_JVM_ARGS, jvmArgs)), archiveLimits()));
    }
}
