package dev.mlops.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One input record of an invocation: named fields (from a JSON object) and/or positional values
 * (from a CSV row or a JSON array). A JSON scalar becomes a single positional value.
 *
 * <p>Values are what the JSON parser produces: {@code String}, {@code Double}/{@code Long},
 * {@code Boolean}, {@code null}, {@code List} and {@code Map}; CSV values are always {@code String}.
 */
public record Record(Map<String, Object> fields, List<Object> values) {

    public Record {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    public static Record ofFields(Map<String, Object> fields) {
        return new Record(fields, List.of());
    }

    public static Record ofValues(List<?> values) {
        return new Record(Map.of(), new java.util.ArrayList<Object>(values)); // not List.copyOf: JSON null is a value
    }

    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * The value named {@code name}, or else the value at {@code position}, as text.
     *
     * @throws IllegalArgumentException when the record has neither
     */
    public String text(String name, int position) {
        Object value = fields.containsKey(name) ? fields.get(name)
                : position < values.size() ? values.get(position) : null;
        if (value == null) {
            throw new IllegalArgumentException("record has no field '" + name + "' and no value at position "
                    + position + "; send {\"" + name + "\": ...} as JSON or put it in CSV column " + (position + 1));
        }
        return value.toString();
    }
}
