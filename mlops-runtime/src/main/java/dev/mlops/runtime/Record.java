package dev.mlops.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One input record of an invocation: named fields (from a JSON object) and/or positional values
 * (from a CSV row or a JSON array). A JSON scalar becomes a single positional value.
 *
 * <p>Values are what the JSON parser produces: {@code String}, {@code Long} (a whole number that fits) or
 * {@code Double} (any other number), {@code Boolean}, {@code null}, {@code List} and {@code Map}; CSV values
 * are always {@code String} (a CSV request has no header: its columns are positions).
 *
 * @param fields the named fields, in document order (empty for CSV and JSON arrays)
 * @param values the positional values (empty for a JSON object)
 */
public record Record(Map<String, Object> fields, List<Object> values) {

    /** Copies both, keeping JSON {@code null}s (an explicit null field is present, with the value null). */
    public Record {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** A record of named fields, as a JSON object gives. */
    public static Record ofFields(Map<String, Object> fields) {
        return new Record(fields, List.of());
    }

    /** A record of positional values, as a CSV row or a JSON array gives. */
    public static Record ofValues(List<?> values) {
        return new Record(Map.of(), new java.util.ArrayList<Object>(values)); // not List.copyOf: JSON null is a value
    }

    /** The field named {@code name}; empty when it is absent or JSON {@code null}. Positional values are not searched. */
    public Optional<Object> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /**
     * The value named {@code name}, or else the value at {@code position}, as text ({@code toString()} of a
     * JSON number: {@code 12} for a whole number, {@code 12.5} otherwise).
     *
     * @throws IllegalArgumentException when the record has neither, or the value is JSON {@code null}
     */
    public String text(String name, int position) {
        return value(name, position).toString();
    }

    /**
     * The value named {@code name}, or else the value at {@code position}, as a number: a JSON number as
     * it is, a string (every CSV value) parsed as a decimal number.
     *
     * @throws IllegalArgumentException when the record has neither, or the value is not a finite number;
     *     the message names the field, the CSV column and the value
     */
    public double number(String name, int position) {
        Object value = value(name, position);
        double number = Double.NaN;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                number = Double.parseDouble(s.strip());
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        if (!Double.isFinite(number)) {
            String shown = value instanceof String ? "'" + value + "'" : String.valueOf(value);
            throw new IllegalArgumentException("field '" + name + "' (CSV column " + (position + 1) + ") must be a number,"
                    + " got " + shown);
        }
        return number;
    }

    private Object value(String name, int position) {
        Object value = fields.containsKey(name) ? fields.get(name)
                : position >= 0 && position < values.size() ? values.get(position) : null;
        if (value == null) {
            throw new IllegalArgumentException("record has no field '" + name + "' and no value at position "
                    + position + "; send {\"" + name + "\": ...} as JSON or put it in CSV column " + (position + 1));
        }
        return value;
    }
}
