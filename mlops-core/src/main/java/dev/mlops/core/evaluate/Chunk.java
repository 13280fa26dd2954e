package dev.mlops.core.evaluate;

import java.util.List;

/**
 * Records of one test file, as one {@code /invocations} request: each record without its label, and
 * the labels beside them in the same order.
 *
 * @param lines the line of the file each record starts on, for messages
 * @param rows each record's data row, counted after the header, when the file is a CSV with a header; else empty
 */
record Chunk(String contentType, List<String> records, List<String> labels, String file, int[] lines, int[] rows) {

    /** The request body: one record per line. */
    String body() {
        return body(0, records.size());
    }

    /** The body of the records {@code from} (inclusive) to {@code to} (exclusive). */
    String body(int from, int to) {
        StringBuilder body = new StringBuilder();
        records.subList(from, to).forEach(record -> body.append(record).append('\n'));
        return body.toString();
    }

    int size() {
        return records.size();
    }

    String where(int index) {
        return where(file, lines[index], rows.length == 0 ? 0 : rows[index]);
    }

    String range() {
        return file + " lines " + lines[0] + "-" + lines[lines.length - 1];
    }

    /** {@code t.csv line 7}, or {@code t.csv line 7 (data row 6)} after a CSV header ({@code row} 0: none). */
    static String where(String file, int line, int row) {
        return file + " line " + line + (row > 0 ? " (data row " + row + ")" : "");
    }
}
