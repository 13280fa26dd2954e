package dev.mlops.maven;

import dev.mlops.core.io.GitRevision;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.core.train.TrainingBackends;
import dev.mlops.core.train.TrainingReport;
import dev.mlops.core.train.TrainingRequest;
import dev.mlops.core.train.TrainingService;
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

    /** Where training runs: {@code local}. */
    @Parameter(property = MlopsProperties.BACKEND, defaultValue = TrainingBackends.LOCAL)
    String backend;

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
        TrainingBackends.requireKnown(commandLine().string(MlopsProperties.BACKEND, backend));
        TrainingRequest request = request();
        LocalTrainingBackend local = new LocalTrainingBackend(localSettings(), clock());
        TrainingService service = new TrainingService(modelStore(), local, clock(), new MavenEvents(getLog(), "[train] "));
        TrainingReport report = service.train(request);
        getLog().info("Model archive: " + report.modelUri());
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
