package dev.mlops.core.io;

import dev.mlops.core.ConfigurationException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * A JVM on the model's runtime class path, running one of the runtime's entry points ({@code train}
 * or {@code serve}) exactly as the model's image does.
 *
 * @param environment added to the JVM's environment
 */
public record ModelJvm(Path javaExecutable, List<Path> classpath, List<String> jvmArgs,
        Map<String, String> environment) {

    public static final String RUNTIME_MAIN = "dev.mlops.runtime.Main";
    private static final String RUNTIME_MAIN_CLASS_FILE = RUNTIME_MAIN.replace('.', '/') + ".class";

    public ModelJvm {
        classpath = List.copyOf(classpath);
        jvmArgs = List.copyOf(jvmArgs);
        environment = Map.copyOf(environment);
    }

    /** JVM flags as a user writes them, space-separated ({@code -Xmx1g -XX:+UseG1GC}); none when blank. */
    public static List<String> splitArgs(String flags) {
        return flags == null || flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+"));
    }

    /** The command line for {@code entryPoint}, after checking that the runtime is on the class path. */
    public List<String> command(String entryPoint) {
        requireRuntimeOnClasspath();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(RUNTIME_MAIN);
        command.add(entryPoint);
        return command;
    }

    private void requireRuntimeOnClasspath() {
        if (classpath.stream().noneMatch(ModelJvm::containsRuntimeMain)) {
            throw new ConfigurationException("The model's runtime class path has no " + RUNTIME_MAIN
                    + ": add the dependency dev.mlops:mlops-runtime (scope compile) to the model's pom.xml.");
        }
    }

    private static boolean containsRuntimeMain(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(RUNTIME_MAIN_CLASS_FILE));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            return jar.getEntry(RUNTIME_MAIN_CLASS_FILE) != null;
        } catch (IOException e) {
            return false;
        }
    }
}
