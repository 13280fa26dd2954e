package dev.mlops.samples.wages;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rows of every {@code *.csv} file of a channel, which all start with the same header row.
 *
 * @param header the column names
 * @param rows the values, as many per row as the header has columns
 * @param lines where each row is, such as {@code cps.csv line 17}, for messages
 */
record CsvTable(List<String> header, List<List<String>> rows, List<String> lines) {

    /** Every {@code *.csv} under {@code dir} in name order; channel directories may be symbolic links. */
    static CsvTable read(Path dir, String channel) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("channel '" + channel + "' at " + dir + " has no *.csv files");
        }
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            String name = dir.relativize(file).toString();
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(name + " is empty; it needs a header row");
            }
            List<String> fileHeader = split(lines.get(0), name, 1).stream().map(String::strip).toList();
            if (header == null) {
                header = fileHeader;
            } else if (!header.equals(fileHeader)) {
                throw new IllegalArgumentException(name + " has the header " + fileHeader + ", the first file " + header
                        + "; give every file of the channel the same columns");
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> row = split(lines.get(i), name, i + 1);
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + row.size() + " values for "
                            + header.size() + " columns (" + String.join(",", header) + ")");
                }
                rows.add(row);
                where.add(name + " line " + (i + 1));
            }
        }
        return new CsvTable(header, rows, where);
    }

    /** One row: commas separate, double quotes quote (a doubled quote is a quote); no line breaks inside fields. */
    static List<String> split(String line, String file, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + " line " + lineNumber + ": a quoted field does not close");
        }
        fields.add(field.toString());
        return fields;
    }

    int column(String name, String channel) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("channel '" + channel + "' has no column '" + name + "'; its columns are "
                    + String.join(", ", header) + " (set the hyperparameter 'target' to one of them)");
        }
        return index;
    }
}
