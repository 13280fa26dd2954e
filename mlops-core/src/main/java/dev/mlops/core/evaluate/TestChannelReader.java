package dev.mlops.core.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.io.Fingerprints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the test channel's files one record at a time and hands them out in chunks no larger than
 * a request may be, each record without its label: memory holds one chunk, never the test set.
 *
 * <p>Supported files: {@code *.jsonl} and {@code *.ndjson} (one JSON object per line, sent as
 * {@code application/jsonlines}) and {@code *.csv} (one row per record, sent as {@code text/csv}).
 */
final class TestChannelReader implements AutoCloseable {

    static final String JSON_LINES = "application/jsonlines";
    static final String CSV = "text/csv";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final RecordLayout configured;
    private RecordLayout layout; // per file: a label column named in its header becomes that column's index
    private final long maxBytes;
    private final int maxRecords;
    private final Iterator<Path> files;

    private BufferedReader reader;
    private String file;
    private boolean csv;
    private int lineNumber;
    private int dataRow;
    private Pending pending;

    /** A record read but not yet sent: it did not fit into the previous chunk. */
    private record Pending(String body, String label, int line, int row) {}

    TestChannelReader(Path dir, RecordLayout layout, long maxBytes, int maxRecords) {
        this.dir = dir;
        this.configured = layout;
        this.layout = layout;
        this.maxBytes = maxBytes;
        this.maxRecords = maxRecords;
        this.files = dataFiles(dir).iterator();
    }

    /** The files this reader sends, in name order. */
    static List<Path> dataFiles(Path dir) {
        return Fingerprints.regularFiles(dir).stream().filter(TestChannelReader::supported).toList();
    }

    static boolean supported(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".csv"));
    }

    /** The next chunk, or empty when every file is read. */
    Optional<Chunk> next() {
        while (pending != null || openNextFileIfNeeded()) {
            Chunk chunk = fill();
            if (chunk != null) {
                return Optional.of(chunk);
            }
        }
        return Optional.empty();
    }

    private Chunk fill() {
        List<String> records = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        long bytes = 0;
        while (labels.size() < maxRecords) {
            Pending record = pending != null ? pending : read();
            pending = null;
            if (record == null) {
                closeFile();
                break;
            }
            long size = utf8Length(record.body()) + 1;
            if (size > maxBytes) {
                throw new ConfigurationException(Chunk.where(file, record.line(), numberedRows() ? record.row() : 0) + " is " + size + " bytes without its label,"
                        + " more than the model server accepts in one request (" + maxBytes + " bytes, its"
                        + " MaxPayloadInMB); raise SAGEMAKER_MAX_PAYLOAD_IN_MB for the model or shorten the record.");
            }
            if (bytes + size > maxBytes) {
                pending = record;
                break;
            }
            records.add(record.body());
            labels.add(record.label());
            lines.add(record.line());
            rows.add(record.row());
            bytes += size;
        }
        if (labels.isEmpty()) {
            return null;
        }
        return new Chunk(csv ? CSV : JSON_LINES, records, labels, file, lines.stream().mapToInt(Integer::intValue).toArray(),
                numberedRows() ? rows.stream().mapToInt(Integer::intValue).toArray() : new int[0]);
    }

    private boolean openNextFileIfNeeded() {
        if (reader != null) {
            return true;
        }
        if (!files.hasNext()) {
            return false;
        }
        Path next = files.next();
        try {
            reader = Files.newBufferedReader(next, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + next + ": " + e.getMessage(), e);
        }
        file = dir.relativize(next).toString().replace('\\', '/');
        csv = file.toLowerCase(Locale.ROOT).endsWith(".csv");
        lineNumber = 0;
        layout = configured;
        dataRow = 0;
        if (csv && layout.csvHeader()) {
            String header = readLine();
            layout = header == null ? layout : layout.forHeader(CsvRows.split(header), file);
        }
        return true;
    }

    /** The next record of the open file, or null at its end. */
    private Pending read() {
        if (reader == null) {
            return null;
        }
        String line;
        do {
            line = readLine();
        } while (line != null && line.isBlank());
        if (line == null) {
            return null;
        }
        int start = lineNumber;
        dataRow++;
        return csv ? csvRecord(line, start) : jsonRecord(line, start);
    }

    private Pending jsonRecord(String line, int start) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(where(start) + " is not valid JSON (" + e.getOriginalMessage()
                    + "); each line of a test file is one JSON object with its label in '" + layout.labelField() + "'.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigurationException(where(start) + " is not a JSON object; each line of a test file is one"
                    + " record such as {\"" + layout.labelField() + "\": ..., ...}.");
        }
        JsonNode label = object.remove(layout.labelField());
        if (label == null || label.isNull() || label.isContainerNode()) {
            throw new ConfigurationException(Text.of(where(start) + " has no label field '" + layout.labelField() + "'"
                    + (label == null ? "" : " with a single value") + " (its fields: " + fieldNames(object)
                    + "). Set ", Setting.LABEL_FIELD, " to the field that holds the label."));
        }
        return new Pending(object.toString(), label.asText(), start, dataRow);
    }

    private Pending csvRecord(String firstLine, int start) {
        StringBuilder row = new StringBuilder(firstLine);
        while (CsvRows.open(row)) {
            String more = readLine();
            if (more == null) {
                throw new ConfigurationException(where(start) + " opens a quoted field that never closes.");
            }
            row.append('\n').append(more);
        }
        List<String> fields = new ArrayList<>(CsvRows.split(row.toString()));
        if (fields.size() <= layout.csvLabelColumn()) {
            throw new ConfigurationException(Text.of(where(start) + " has " + fields.size() + " column(s), so it has"
                    + " no label column " + layout.csvLabelColumn() + " (0 is the first). Set ",
                    Setting.EVALUATE_CSV_LABEL_COLUMN, " to the column that holds the label."));
        }
        String label = fields.remove(layout.csvLabelColumn());
        return new Pending(CsvRows.join(fields), label, start, dataRow);
    }

    private String readLine() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigurationException(where(lineNumber + 1) + " is not UTF-8 text; save the test data as UTF-8.");
        } catch (IOException | UncheckedIOException e) {
            throw new InfrastructureException("Cannot read " + file + " of the test channel: " + e.getMessage(), e);
        }
    }

    // the record being read: after a CSV header, its data row too
    private String where(int line) {
        return Chunk.where(file, line, numberedRows() ? dataRow : 0);
    }

    private boolean numberedRows() {
        return csv && layout.csvHeader();
    }

    private static String fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private void closeFile() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read to its end already
            }
            reader = null;
        }
    }

    @Override
    public void close() {
        closeFile();
    }
}
