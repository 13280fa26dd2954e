package dev.mlops.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The {@code train} half of the container contract: runs {@link Model#train} over an {@link OptMl}
 * tree and, whatever goes wrong, writes {@code output/failure}. Never exits the JVM.
 */
public final class Training {

    private Training() {}

    /**
     * Trains {@code model} over the {@link OptMl} tree at {@code root}: hyperparameters from
     * {@code input/config/hyperparameters.json}, a channel per directory of {@code input/data}, the model into
     * {@code model/}; any failure (the model's exception included) is returned and written to {@code output/failure}.
     */
    public static TrainingResult run(Path root, Model model) {
        return run(root, () -> model);
    }

    /** Creates the model inside the run, so that failing to find or construct it is reported like any failure. */
    public static TrainingResult run(Path root, Callable<? extends Model> modelFactory) {
        OptMl tree = new OptMl(root);
        long start = System.nanoTime();
        try {
            Files.deleteIfExists(tree.failureFile()); // a stale one from an earlier run would be misleading
            Files.createDirectories(tree.modelDir());
            Files.createDirectories(tree.outputDataDir());
            Model model = modelFactory.call();
            Hyperparameters hyperparameters = new MapHyperparameters(HyperparametersFile.read(tree.hyperparametersFile()));
            Map<String, Path> channels = channels(tree.dataDir());
            Hosts hosts = Hosts.read(tree.resourceConfigFile());
            Log.info("training " + model.getClass().getName() + " in " + tree.root()
                    + "; hyperparameters: " + names(hyperparameters.asMap().keySet())
                    + "; channels: " + names(channels.keySet())
                    + (hosts.count() > 1 ? "; host " + hosts.current() + " of " + String.join(", ", hosts.all()) : ""));
            model.train(new DirectoryTrainingContext(hyperparameters, channels, java.util.Optional.of(tree.dataDir()), tree.modelDir(),
                    tree.outputDataDir(), hosts));
            List<Path> files = filesUnder(tree.modelDir());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Log.info("training succeeded in " + seconds(took) + "; " + files.size() + " file" + (files.size() == 1 ? "" : "s")
                    + " (" + size(files) + ") in " + tree.modelDir());
            if (files.isEmpty()) {
                Log.info("warning: the model wrote nothing to " + tree.modelDir() + "; load() will find it empty");
            }
            return new TrainingResult(took, files, java.util.Optional.empty());
        } catch (Throwable failure) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            try {
                FailureReport.write(tree.failureFile(), failure);
            } catch (IOException | RuntimeException e) {
                Log.error("could not write " + tree.failureFile() + ": " + e);
            }
            // the reason is in the failure file, which SageMaker and mlops:train show: not here a second time
            Log.info("training failed after " + seconds(took) + "; the reason is in " + tree.failureFile());
            return new TrainingResult(took, List.of(), java.util.Optional.of(failure));
        }
    }

    /** Every subdirectory of {@code input/data}; symbolic links are followed, as the local trainer links channels. */
    private static Map<String, Path> channels(Path dataDir) throws IOException {
        Map<String, Path> channels = new TreeMap<>();
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                entries.filter(Files::isDirectory).forEach(dir -> channels.put(dir.getFileName().toString(), dir));
            }
        }
        return channels;
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String names(java.util.Collection<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }

    private static String size(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
