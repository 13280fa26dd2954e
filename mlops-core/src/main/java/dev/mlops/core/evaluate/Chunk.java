package dev.mlops.core.evaluate;

import java.util.List;

/**
 * Records of one test file, as one {@code /invocations} request: the body without the labels, and
 * the labels beside it in the same order.
 *
 * @param lines the line of the file each record starts on, for messages
 */
record Chunk(String contentType, String body, List<String> labels, String file, int[] lines) {

    String where(int index) {
        return file + " line " + lines[index];
    }

    String range() {
        return file + " lines " + lines[0] + "-" + lines[lines.length - 1];
    }
}
