package dev.mlops.runtime;

import dev.mlops.runtime.json.Json;
import dev.mlops.runtime.json.JsonParseException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Turns a request body into records, one per CSV row, JSON element or JSON line. */
final class RecordsReader {

    private RecordsReader() {}

    static List<Record> read(PayloadFormat format, String body) throws MalformedPayloadException {
        if (body.isBlank()) {
            throw new MalformedPayloadException("the request body is empty; send at least one record as "
                    + format.mediaType);
        }
        return switch (format) {
            case CSV -> csv(body);
            case JSON -> json(body);
            case JSON_LINES -> jsonLines(body);
        };
    }

    private static List<Record> csv(String body) throws MalformedPayloadException {
        List<Record> records = new ArrayList<>();
        for (List<String> row : Csv.parse(body)) {
            records.add(Record.ofValues(row));
        }
        return records;
    }

    /** An object is one record, unless it is {"instances": [...]}; an array holds one record per element. */
    private static List<Record> json(String body) throws MalformedPayloadException {
        Object document;
        try {
            document = Json.parse(body);
        } catch (JsonParseException e) {
            throw new MalformedPayloadException("malformed JSON: " + e.getMessage());
        }
        if (document instanceof Map<?, ?> object && object.get("instances") instanceof List<?> instances) {
            return elements(instances);
        }
        if (document instanceof List<?> array) {
            return elements(array);
        }
        return List.of(record(document));
    }

    private static List<Record> jsonLines(String body) throws MalformedPayloadException {
        List<Record> records = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                records.add(record(Json.parse(lines[i])));
            } catch (JsonParseException e) {
                throw new MalformedPayloadException("malformed JSON lines: line " + (i + 1) + ", column " + e.column()
                        + ": " + e.problem() + "; each line must hold one complete JSON value");
            }
        }
        return records;
    }

    private static List<Record> elements(List<?> array) {
        List<Record> records = new ArrayList<>(array.size());
        for (Object element : array) {
            records.add(record(element));
        }
        return records;
    }

    @SuppressWarnings("unchecked") // the JSON parser makes maps with String keys
    private static Record record(Object value) {
        if (value instanceof Map<?, ?> object) {
            return Record.ofFields((Map<String, Object>) object);
        }
        if (value instanceof List<?> values) {
            return Record.ofValues(values);
        }
        return Record.ofValues(Collections.singletonList(value));
    }
}
