package dev.mlops.maven;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.io.ModelJvm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that run the model share: its data channels and a JVM on its runtime class path. */
public abstract class AbstractModelMojo extends AbstractMlopsMojo {

    /**
     * Input channels: the name of each (as the model reads it) to a directory of data, relative to the
     * project. Add or replace one with {@code -Dmlops.channel.<name>=<directory>}. Training gets every
     * channel; evaluation reads {@code test}.
     */
    @Parameter
    Map<String, String> channels;

    /** Every channel, POM and {@code -D} merged, as directories resolved against the project. */
    protected final Map<String, Path> channelDirs() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        commandLine().map(MlopsProperties.CHANNEL_PREFIX, channels)
                .forEach((name, dir) -> dirs.put(name, baseDir().resolve(dir == null ? "" : dir).normalize()));
        return dirs;
    }

    /** A JVM like the model's image runs: this machine's java on the project's runtime class path. */
    protected final ModelJvm modelJvm(String jvmArgs) {
        List<String> args = jvmArgs == null || jvmArgs.isBlank() ? List.of() : Arrays.asList(jvmArgs.trim().split("\\s+"));
        return new ModelJvm(Path.of(System.getProperty("java.home"), "bin", "java"), runtimeClasspath(), args, Map.of());
    }

    private List<Path> runtimeClasspath() {
        try {
            return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new InfrastructureException("Cannot resolve the model's runtime class path: " + e.getMessage(), e);
        }
    }
}
