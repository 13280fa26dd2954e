package dev.mlops.core.io;

import dev.mlops.core.InfrastructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code target/mlops/mlops.env}: {@code KEY=value} lines that every goal adds to, handed downstream
 * as a GitLab {@code artifacts:reports:dotenv}.
 */
public final class DotEnvFile {

    private static final Pattern KEY = Pattern.compile("MLOPS_[A-Z0-9_]+");

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
