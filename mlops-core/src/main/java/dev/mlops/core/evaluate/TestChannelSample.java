package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first records of a test channel as one {@code /invocations} request, read exactly as an
 * evaluation reads them (same files, same formats, labels removed): what a deployment's smoke test sends.
 */
public final class TestChannelSample {

    // far above what a few records need, and within the runtime's default MaxPayloadInMB
    private static final long MAX_BYTES = 1L << 20;

    private final Chunk chunk;

    private TestChannelSample(Chunk chunk) {
        this.chunk = chunk;
    }

    public static TestChannelSample first(Path channel, RecordLayout layout, int count) {
        try (TestChannelReader reader = new TestChannelReader(channel, layout, MAX_BYTES, count)) {
            return new TestChannelSample(reader.next().orElseThrow(() -> new ConfigurationException("The test channel "
                    + channel + " has no records (it reads *.jsonl, *.ndjson and *.csv files).")));
        }
    }

    public String contentType() {
        return chunk.contentType();
    }

    public String body() {
        return chunk.body();
    }

    public int records() {
        return chunk.size();
    }

    /** The file and lines the records come from, for messages. */
    public String source() {
        return chunk.range();
    }

    /**
     * The record the server refused, found as evaluation finds it: {@code "t.csv line 7: <reason>"}, or
     * empty when no record is refused on its own.
     *
     * @param reason the server's reason for refusing the whole sample
     */
    public Optional<String> refusedRecord(String reason, Invocations server) {
        return RefusedRecord.in(chunk, reason, server);
    }

    /** A {@code curl} command line that sends these records to {@code endpoint}'s {@code /invocations}. */
    public String curl(URI endpoint) {
        String url = endpoint.toString().replaceAll("/+$", "") + "/invocations";
        return "curl -H " + shellQuoted("Content-Type: " + contentType()) + " --data-binary "
                + shellQuoted(body().strip()) + " " + shellQuoted(url);
    }

    // a single-quoted word is taken literally by every POSIX shell; a quote inside closes, escapes and reopens
    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
