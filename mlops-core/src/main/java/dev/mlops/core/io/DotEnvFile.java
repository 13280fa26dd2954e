package dev.mlops.core.io;

import dev.mlops.core.InfrastructureException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code target/mlops/mlops.env}: {@code KEY=value} lines that every goal adds to, handed downstream
 * as a GitLab {@code artifacts:reports:dotenv}.
 */
public final class DotEnvFile {

    private static final Pattern KEY = Pattern.compile("MLOPS_[A-Z0-9_]+");
    // two letters at least: "C:" starts a Windows path
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:");

    private DotEnvFile() {}

    /** Adds {@code values} to the file, replacing keys it already has and keeping the others in order. */
    public static void merge(Path file, Map<String, String> values) {
        Map<String, String> merged = read(file);
        values.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("dotenv keys start with MLOPS_ and are upper case: " + key);
            }
            // GitLab's dotenv parser takes one line per variable, with no quoting of its own
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("dotenv values are single lines: " + key);
            }
            merged.put(key, value);
        });
        write(file, merged);
    }

    private static void write(Path file, Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes {@code keys} from the file, keeping the others in order; a missing file stays missing. */
    public static void remove(Path file, java.util.Collection<String> keys) {
        if (!Files.exists(file)) {
            return;
        }
        Map<String, String> kept = read(file);
        if (kept.keySet().removeAll(keys)) {
            write(file, kept);
        }
    }

    /**
     * A location ({@code file:} URI or path) as a later CI job can use it: relative to {@code projectDir}
     * when it lies inside it, because each job checks the project out into a directory of its own;
     * any other location (outside the project, {@code s3://…}) as it is. {@link #located} reads it back.
     */
    public static String portable(String location, Optional<Path> projectDir) {
        Optional<Path> path = localPath(location);
        if (path.isEmpty() || projectDir.isEmpty()) {
            return location;
        }
        Path base = projectDir.get().toAbsolutePath().normalize();
        Path absolute = path.get().toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            return location;
        }
        String relative = base.relativize(absolute).toString().replace('\\', '/');
        String dir = relative.isEmpty() ? "." : relative;
        return location.endsWith("/") ? dir + "/" : dir;
    }

    /** A location handed on by {@link #portable}: a relative path resolved against {@code projectDir}, else as it is. */
    public static String located(String value, Path projectDir) {
        if (value == null || value.isBlank() || SCHEME.matcher(value).lookingAt() || Path.of(value).isAbsolute()) {
            return value;
        }
        return projectDir.resolve(value).normalize().toString();
    }

    private static Optional<Path> localPath(String location) {
        if (location.startsWith("file:")) {
            try {
                return Optional.of(Path.of(URI.create(location)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return SCHEME.matcher(location).lookingAt() ? Optional.empty() : Optional.of(Path.of(location));
    }

    public static Map<String, String> read(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    values.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return values;
    }
}
