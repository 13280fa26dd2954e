package dev.mlops.runtime;

import dev.mlops.runtime.json.Json;
import dev.mlops.runtime.json.JsonParseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code input/config/hyperparameters.json}: a flat JSON object, values as strings. */
final class HyperparametersFile {

    private HyperparametersFile() {}

    /** An absent file means no hyperparameters. Numbers and booleans become their string form. */
    static Map<String, String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage()
                    + "; it must hold one object such as {\"epochs\": \"10\"}", e);
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException(file + " must hold a JSON object such as {\"epochs\": \"10\"}, found "
                    + (parsed == null ? "null" : parsed instanceof java.util.List ? "an array" : "a single value"));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object.entrySet()) {
            values.put((String) entry.getKey(), asString((String) entry.getKey(), entry.getValue(), file));
        }
        return values;
    }

    private static String asString(String name, Object value, Path file) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean || value instanceof Long) {
            return value.toString();
        }
        if (value instanceof Double d) {
            // 10.0 becomes "10" so that an integer hyperparameter written as a JSON number still parses
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' in " + file + " is "
                + (value == null ? "null" : "a JSON " + (value instanceof Map ? "object" : "array"))
                + "; hyperparameters must be strings, numbers or booleans");
    }
}
