package dev.mlops.core.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mlops.core.InfrastructureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes the JSON files of the store and of {@code target/mlops}. */
public final class JsonFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            // files written by a newer version of the plugin stay readable
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonFiles() {}

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot turn " + value.getClass().getSimpleName() + " into JSON", e);
        }
    }

    public static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, toJson(value));
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file + " as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Parses JSON held in memory (an object read from a remote store); {@code source} names it in the error. */
    public static <T> T parse(byte[] json, Class<T> type, String source) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + source + " as " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** What {@link #read} or {@link #parse} refused, in a few words: Jackson's own first line and where (line, column), without the source dump. */
    public static String problem(InfrastructureException e) {
        Throwable cause = e.getCause();
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
            String where = json.getLocation() == null ? ""
                    : " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
            return json.getOriginalMessage().lines().findFirst().orElse("not JSON") + where;
        }
        return cause == null ? e.getMessage() : cause.toString();
    }
}
