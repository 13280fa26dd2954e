package dev.mlops.maven;

import dev.mlops.core.io.GitRevision;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.core.train.TrainingReport;
import dev.mlops.core.train.TrainingRequest;
import dev.mlops.core.train.TrainingService;
import dev.mlops.maven.settings.TrainSettings;
import dev.mlops.maven.wiring.Backends;
import dev.mlops.maven.wiring.GoalContext;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Trains the model on the chosen backend ({@code local}: a forked JVM on this machine) and stores
 * it, with a manifest, as a new candidate version. Writes {@code target/mlops/training.json} and adds
 * to {@code target/mlops/mlops.env}.
 */
@Mojo(name = "train", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class TrainMojo extends AbstractModelMojo {

    /** The version to store the model as; a development version ({@code 0.0.0-dev.<time>}) when not set. */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /**
     * Hyperparameters handed to the model as strings. Add or replace one with
     * {@code -Dmlops.hyperparameter.<name>=<value>}.
     */
    @Parameter
    Map<String, String> hyperparameters;

    /** Extra arguments for the local training JVM, e.g. {@code -Xmx2g}. */
    @Parameter(property = MlopsProperties.TRAIN_JVM_ARGS)
    String jvmArgs;

    /** How long local training may run (ISO-8601 duration). */
    @Parameter(property = MlopsProperties.TRAIN_TIMEOUT, defaultValue = "PT2H")
    String timeout;

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.TRAIN_SKIP, defaultValue = "false")
    boolean skipTrain;

    @Override
    protected String goal() {
        return "train";
    }

    @Override
    protected boolean skipGoal() {
        return commandLine().flag(MlopsProperties.TRAIN_SKIP, skipTrain);
    }

    @Override
    protected void run() {
        TrainSettings settings = settings();
        GoalContext goal = goalContext(modelStore(settings.common()), "[train] ");
        TrainingService service = new TrainingService(goal.store(), Backends.training(settings, goal), clock(), goal.events());
        TrainingReport report = service.train(settings.request());
        getLog().info("Model archive: " + report.modelUri());
    }

    TrainSettings settings() {
        return new TrainSettings(commonSettings(), request(), localSettings());
    }

    TrainingRequest request() {
        return new TrainingRequest(modelName(), requestedVersion(version), channelDirs(),
                commandLine().map(MlopsProperties.HYPERPARAMETER_PREFIX, hyperparameters),
                outputDir(), GitRevision.of(ci(), baseDir()), Optional.of(baseDir()));
    }

    LocalTrainingBackend.Settings localSettings() {
        return new LocalTrainingBackend.Settings(modelJvm(commandLine().string(MlopsProperties.TRAIN_JVM_ARGS, jvmArgs)),
                Durations.parse(commandLine().string(MlopsProperties.TRAIN_TIMEOUT, timeout), "timeout",
                        MlopsProperties.TRAIN_TIMEOUT));
    }
}
