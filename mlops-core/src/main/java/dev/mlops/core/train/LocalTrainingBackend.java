package dev.mlops.core.train;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.io.ChildProcesses;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.MoreFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Trains in a forked JVM on the model's runtime class path, with SageMaker's {@code /opt/ml} tree laid
 * out under the job's work directory: what trains here trains the same way in the model's image.
 */
public final class LocalTrainingBackend implements TrainingBackend {

    public static final String NAME = "local";

    /** @param timeout how long training may run before it is stopped */
    public record Settings(ModelJvm jvm, Duration timeout) {}

    private final Settings settings;
    private final Clock clock;

    public LocalTrainingBackend(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainingOutput train(TrainingJob job, MlopsEvents events) {
        List<String> command = settings.jvm().command("train");
        Path ml = layOutMlTree(job);
        events.debug("Training command: " + String.join(" ", command));
        events.info("Training '" + job.model() + "' " + job.version() + " locally in " + ml);

        ProcessBuilder builder = ChildProcesses.followThisProcess(ChildProcesses.builder(command))
                .directory(job.workDir().toFile()).redirectErrorStream(true);
        builder.environment().putAll(settings.jvm().environment());
        builder.environment().put("MLOPS_ML_ROOT", ml.toString());
        Instant started = clock.instant();
        int exitCode = runStreamingOutput(builder, events);
        Duration took = Duration.between(started, clock.instant());
        if (exitCode != 0) {
            throw new TrainingFailedException(failureMessage(ml, exitCode), exitCode);
        }
        return new TrainingOutput(ml.resolve("model"), took);
    }

    private Path layOutMlTree(TrainingJob job) {
        Path ml = job.workDir().resolve("ml");
        try {
            MoreFiles.deleteRecursively(ml);
            Files.createDirectories(ml.resolve("input/config"));
            Files.createDirectories(ml.resolve("input/data"));
            Files.createDirectories(ml.resolve("model"));
            Files.createDirectories(ml.resolve("output/data"));
            JsonFiles.write(ml.resolve("input/config/hyperparameters.json"), job.hyperparameters());
            Map<String, Object> inputDataConfig = new LinkedHashMap<>();
            for (Map.Entry<String, Path> channel : job.channels().entrySet()) {
                linkOrCopy(channel.getValue().toAbsolutePath(), ml.resolve("input/data").resolve(channel.getKey()));
                inputDataConfig.put(channel.getKey(), Map.of("TrainingInputMode", "File", "RecordWrapperType", "None"));
            }
            JsonFiles.write(ml.resolve("input/config/inputdataconfig.json"), inputDataConfig);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot lay out the training directory " + ml + ": " + e.getMessage(), e);
        }
        return ml;
    }

    // a symbolic link costs nothing for large data; where links are not allowed, copy
    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createSymbolicLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            MoreFiles.copyRecursively(source, target);
        }
    }

    private int runStreamingOutput(ProcessBuilder builder, MlopsEvents events) {
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot start the training JVM " + settings.jvm().javaExecutable() + ": "
                    + e.getMessage(), e);
        }
        // if Maven itself is stopped (Ctrl-C), the training JVM goes with it
        Thread killOnExit = new Thread(process::destroyForcibly, "mlops-kill-training");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread pump = new Thread(() -> pumpLines(process, events), "mlops-training-output");
        pump.start();
        try {
            if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                throw new TrainingFailedException(Text.of("training did not finish within " + settings.timeout()
                        + "; raise the limit with ", Setting.TRAIN_TIMEOUT.any("ISO-8601 duration, e.g. PT4H")), -1);
            }
            pump.join(TimeUnit.SECONDS.toMillis(10));
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while training; the training JVM was stopped", e);
        } finally {
            removeHook(killOnExit);
        }
    }

    private static void pumpLines(Process process, MlopsEvents events) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                events.processOutput(line);
            }
        } catch (IOException e) {
            events.warn("Lost the training log: " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    private static String failureMessage(Path ml, int exitCode) {
        Path failure = ml.resolve("output/failure");
        try {
            if (Files.isRegularFile(failure)) {
                String text = Files.readString(failure, StandardCharsets.UTF_8).strip();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        } catch (IOException e) {
            return "the training process exited with code " + exitCode + " and its failure file " + failure
                    + " could not be read: " + e.getMessage();
        }
        return "the training process exited with code " + exitCode + " without writing " + failure
                + "; see the training log above";
    }
}
