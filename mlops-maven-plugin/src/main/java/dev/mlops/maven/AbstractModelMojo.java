package dev.mlops.maven;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.evaluate.RecordLayout;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that run the model's own code share: its data channels and a JVM on its class path. */
public abstract class AbstractModelMojo extends AbstractMlopsMojo {

    static final int MAX_PORT = 65535;

    /**
     * Input channels: the name of each (as the model reads it) to a directory of data, relative to the
     * project. {@code train} is trained on; {@code test} is evaluated on and smoke-tests deployments.
     * Add or replace one with {@code -Dmlops.channel.<name>=<directory>}.
     */
    @Parameter
    Map<String, String> channels;

    /** The field of each JSON record that holds its label (or regression target); the model is never sent it. */
    @Parameter(property = MlopsProperties.LABEL_FIELD, defaultValue = "label")
    String labelField;

    /** Every configured channel, resolved against the project directory. */
    final Map<String, Path> channelDirs() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        channelLocations().forEach((name, dir) -> dirs.put(name, baseDir().resolve(dir == null ? "" : dir).normalize()));
        return dirs;
    }

    /** Every configured channel as given (a directory, or for training on SageMaker an {@code s3://} location). */
    final Map<String, String> channelLocations() {
        return reader().map(MlopsProperties.CHANNEL_PREFIX, channels);
    }

    /**
     * The column of each CSV test row that holds its label, 0 for the first, or (with {@code csvHeader}) its
     * name in the header; removed before sending.
     */
    @Parameter(property = MlopsProperties.EVALUATE_CSV_LABEL_COLUMN, defaultValue = "0")
    String csvLabelColumn;

    /** Whether each CSV test file starts with a header row. */
    @Parameter(property = MlopsProperties.EVALUATE_CSV_HEADER, defaultValue = "false")
    boolean csvHeader;

    /**
     * The most bytes a stored model archive may unpack to (default 16 GiB); a larger one is refused
     * before it fills the disk.
     */
    @Parameter(property = MlopsProperties.ARCHIVE_MAX_UNPACKED_BYTES, defaultValue = "17179869184")
    String archiveMaxUnpackedBytes;

    /** The most entries (files and directories) a stored model archive may have. */
    @Parameter(property = MlopsProperties.ARCHIVE_MAX_ENTRIES, defaultValue = "100000")
    String archiveMaxEntries;

    /** How much the goal lets a model archive unpack to. */
    final TarGz.Limits archiveLimits() {
        return new TarGz.Limits(reader().longValue(MlopsProperties.ARCHIVE_MAX_UNPACKED_BYTES, archiveMaxUnpackedBytes, 1,
                Long.MAX_VALUE), reader().integer(MlopsProperties.ARCHIVE_MAX_ENTRIES, archiveMaxEntries, 1, Integer.MAX_VALUE));
    }

    /** Where the label is in test records, for evaluation and smoke tests alike. */
    final RecordLayout recordLayout() {
        return RecordLayout.of(reader().string(MlopsProperties.LABEL_FIELD, labelField),
                reader().string(MlopsProperties.EVALUATE_CSV_LABEL_COLUMN, csvLabelColumn),
                reader().flag(MlopsProperties.EVALUATE_CSV_HEADER, csvHeader));
    }

    /** A JVM on the model's runtime class path (its classes and dependencies, the runtime among them). */
    final ModelJvm modelJvm(List<String> jvmArgs) {
        return new ModelJvm(javaExecutable(), runtimeClasspath(), jvmArgs, Map.of());
    }

    final Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private List<Path> runtimeClasspath() {
        try {
            return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
        } catch (DependencyResolutionRequiredException e) {
            throw new InfrastructureException("Cannot resolve the model's runtime class path: " + e.getMessage(), e);
        }
    }
}
