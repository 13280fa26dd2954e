package dev.mlops.core.io;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.serve.LocalModelServer;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.testmodels.SleepingModel;
import dev.mlops.core.train.TrainingJob;
import dev.mlops.testmodels.WordCountModel;
import java.nio.file.Files;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A stand-in for a Maven build, for {@link ChildProcessesTest}: starts a model server, says its pid, waits. */
public final class KilledBuild {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("train")) {
            train(Path.of(args[1]));
            return;
        }
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        ModelJvm jvm = new ModelJvm(Path.of(System.getProperty("java.home"), "bin", "java"), classpath, List.of("-Xmx64m"),
                Map.of("MLOPS_MODEL_CLASS", WordCountModel.class.getName()));
        LocalModelServer server = LocalModelServer.start(new LocalModelServer.Settings(jvm, Path.of(args[0]), 0,
                Path.of(args[1]), Duration.ofSeconds(60)), Clock.systemUTC(), MlopsEvents.NONE);
        System.out.println("server pid " + server.pid());
        System.out.flush();
        Thread.sleep(120_000);
    }

    // trains a model that sleeps; the training JVM is this JVM's only child
    private static void train(Path workDir) throws Exception {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        ModelJvm jvm = new ModelJvm(Path.of(System.getProperty("java.home"), "bin", "java"), classpath, List.of("-Xmx64m"),
                Map.of("MLOPS_MODEL_CLASS", SleepingModel.class.getName()));
        Path channel = Files.createDirectories(workDir.resolve("data/train"));
        Files.writeString(channel.resolve("a.txt"), "a b c");
        Thread reporter = new Thread(() -> {
            while (true) {
                var children = ProcessHandle.current().children().toList();
                if (!children.isEmpty()) {
                    System.out.println("server pid " + children.get(0).pid());
                    System.out.flush();
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        reporter.start();
        new LocalTrainingBackend(new LocalTrainingBackend.Settings(jvm, Duration.ofMinutes(5)), Clock.systemUTC())
                .train(new TrainingJob("sleeper", "1.0.0", Map.of("train", channel), Map.of(),
                        Files.createDirectories(workDir.resolve("job"))), MlopsEvents.NONE);
    }
}
