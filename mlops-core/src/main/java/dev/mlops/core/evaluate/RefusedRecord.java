package dev.mlops.core.evaluate;

import java.util.Optional;

/** Names the record a model server refuses in a request of many, for evaluation and the deploy smoke test alike. */
final class RefusedRecord {

    private RefusedRecord() {}

    /**
     * Finds the record of {@code chunk} that the server refuses by sending halves of it again until one
     * record is left: about {@code 2·log2(records)} requests, only after a refusal.
     *
     * @param reason the server's reason for refusing the whole chunk
     * @return {@code "t.csv line 7 (data row 6): <reason>"}, or empty when no record is refused on its own
     */
    static Optional<String> in(Chunk chunk, String reason, Invocations server) {
        int from = 0;
        int to = chunk.size();
        String why = reason;
        while (to - from > 1) {
            int middle = (from + to) >>> 1;
            Optional<String> first = server.refusal(chunk.contentType(), chunk.body(from, middle));
            if (first.isPresent()) {
                to = middle;
                why = first.get();
                continue;
            }
            Optional<String> second = server.refusal(chunk.contentType(), chunk.body(middle, to));
            if (second.isEmpty()) {
                return Optional.empty(); // each half alone is accepted: the records are refused only together
            }
            from = middle;
            why = second.get();
        }
        return Optional.of(chunk.where(from) + ": " + why);
    }
}
