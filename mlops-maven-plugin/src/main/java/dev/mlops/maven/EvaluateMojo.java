package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.evaluate.BatchPredictor;
import dev.mlops.core.evaluate.EvaluationReport;
import dev.mlops.core.evaluate.EvaluationRequest;
import dev.mlops.core.evaluate.EvaluationService;
import dev.mlops.core.evaluate.LocalBatchPredictionBackend;
import dev.mlops.core.evaluate.RecordLayout;
import dev.mlops.core.evaluate.TaskType;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.train.TrainingReport;
import dev.mlops.core.train.TrainingService;
import dev.mlops.maven.settings.EvaluateSettings;
import dev.mlops.maven.wiring.Backends;
import dev.mlops.maven.wiring.GoalContext;
import java.nio.file.Files;
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
        return commandLine().flag(MlopsProperties.EVALUATE_SKIP, skipEvaluate);
    }

    @Override
    protected void run() {
        EvaluateSettings settings = settings();
        GoalContext goal = goalContext(modelStore(settings.common()), "[serve] ");
        EvaluationService service = new EvaluationService(goal.store(), Backends.batchPrediction(settings, goal), clock(),
                goal.events());
        EvaluationReport report = service.evaluate(settings.request());
        getLog().info("Reports: " + outputDir().resolve("evaluation.html"));
        if (report.gateSkipped()) {
            getLog().warn("The quality gate was skipped (" + MlopsProperties.GATE_SKIP + "); recorded in the manifest.");
        }
    }

    EvaluateSettings settings() {
        return new EvaluateSettings(commonSettings(), request(), new LocalBatchPredictionBackend.Settings(
                modelJvm(commandLine().string(MlopsProperties.EVALUATE_JVM_ARGS, jvmArgs)), archiveLimits()));
    }

    EvaluationRequest request() {
        ModelName model = modelName();
        TaskType taskType = TaskType.parse(commandLine().string(MlopsProperties.EVALUATE_TASK, task));
        String channel = commandLine().string(MlopsProperties.EVALUATE_CHANNEL, testChannel);
        Path testDir = channelDirs().get(channel);
        if (testDir == null) {
            throw new ConfigurationException("No '" + channel + "' channel is configured to evaluate on. Add <channels><"
                    + channel + ">path/to/test/data</" + channel + "></channels> to the plugin configuration or pass -D"
                    + MlopsProperties.CHANNEL_PREFIX + channel + "=<directory>.");
        }
        RecordLayout layout = recordLayout();
        int perRequest = integer(MlopsProperties.EVALUATE_MAX_RECORDS_PER_REQUEST, maxRecordsPerRequest);
        if (perRequest < 1) {
            throw new ConfigurationException("-D" + MlopsProperties.EVALUATE_MAX_RECORDS_PER_REQUEST + " is " + perRequest
                    + "; send at least 1 record per request.");
        }
        return new EvaluationRequest(model, chosenVersion(model), taskType, testDir, layout,
                Optional.ofNullable(commandLine().string(MlopsProperties.EVALUATE_POSITIVE_CLASS, positiveClass)),
                GateParameters.toConfig(gate, commandLine(), taskType),
                commandLine().flag(MlopsProperties.GATE_SKIP, skipGate),
                new BatchPredictor.Settings(perRequest, REQUEST_TIMEOUT), actor(), outputDir());
    }

    /** -Dmlops.version, else the version mlops:train stored in this build ({@code training.json}). */
    private ModelVersion chosenVersion(ModelName model) {
        String given = commandLine().string(MlopsProperties.VERSION, version);
        if (given != null && !given.isBlank()) {
            return new ModelVersion(given.trim());
        }
        Path trainingJson = outputDir().resolve(TrainingService.TRAINING_JSON);
        if (Files.isRegularFile(trainingJson)) {
            TrainingReport trained = JsonFiles.read(trainingJson, TrainingReport.class);
            if (trained.manifest() != null && model.value().equals(trained.manifest().model())) {
                getLog().info("Evaluating the version just trained (" + trainingJson + "): " + trained.manifest().version());
                return new ModelVersion(trained.manifest().version());
            }
        }
        throw new ConfigurationException("No version to evaluate: " + trainingJson + " names no trained version of '"
                + model + "'. Run mvn mlops:train first, or pass a stored version with -Dmlops.version=<version>"
                + " (see mvn mlops:status).");
    }
}
