package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The application layers of a model's image, from the least to the most often changed, so that a
 * change to model code replaces only the classes layer.
 */
public record ImagePlan(List<Layer> layers) {

    public ImagePlan {
        layers = List.copyOf(layers);
    }

    /**
     * Splits the project's runtime artifacts: release jars, snapshot jars, then the non-class files and
     * the class files of {@code classesDir} (Maven puts resources and classes in one directory).
     */
    public static ImagePlan of(Path classesDir, List<Path> dependencyJars) {
        List<Entry> libs = new ArrayList<>();
        List<Entry> snapshots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path jar : dependencyJars) {
            if (!Files.isRegularFile(jar)) {
                throw new ConfigurationException("The dependency " + jar + " is not a jar file (a module of the same"
                        + " build that is not packaged yet?). Package and install that module first.");
            }
            String name = jar.getFileName().toString();
            if (!names.add(name)) {
                throw new ConfigurationException("Two dependencies are both called " + name + "; they would overwrite"
                        + " each other in the image. Exclude one of them from the project's dependencies.");
            }
            boolean snapshot = name.contains("SNAPSHOT");
            (snapshot ? snapshots : libs).add(new Entry(jar, (snapshot ? ImageLayout.SNAPSHOT_LIBS : ImageLayout.LIBS) + "/" + name));
        }
        List<Entry> resources = new ArrayList<>();
        List<Entry> classes = new ArrayList<>();
        if (Files.isDirectory(classesDir)) {
            for (Path file : filesUnder(classesDir)) {
                String relative = classesDir.relativize(file).toString().replace('\\', '/');
                if (relative.endsWith(".class")) {
                    classes.add(new Entry(file, ImageLayout.CLASSES + "/" + relative));
                } else {
                    resources.add(new Entry(file, ImageLayout.RESOURCES + "/" + relative));
                }
            }
        }
        if (classes.isEmpty()) {
            throw new ConfigurationException("No compiled classes in " + classesDir + ": the image would hold no model."
                    + " Compile the project first, or check the build's output directory.");
        }
        return new ImagePlan(List.of(new Layer("dependencies", sorted(libs)), new Layer("snapshot dependencies", sorted(snapshots)),
                new Layer("resources", sorted(resources)), new Layer("classes", sorted(classes))));
    }

    private static List<Path> filesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    // the same order every time, so that the same inputs give the same layer digests
    private static List<Entry> sorted(List<Entry> entries) {
        return entries.stream().sorted(java.util.Comparator.comparing(Entry::target)).toList();
    }

    /** One layer: a name (for messages) and its files. */
    public record Layer(String name, List<Entry> entries) {
        public Layer {
            entries = List.copyOf(entries);
        }
    }

    /** A file on this machine and the absolute path it gets in the image. */
    public record Entry(Path source, String target) {}
}
