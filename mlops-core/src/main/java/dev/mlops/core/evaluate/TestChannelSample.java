package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The first records of a test channel as one {@code /invocations} request, read exactly as an
 * evaluation reads them (same files, same formats, labels removed): what a deployment's smoke test sends.
 *
 * @param source the file and lines the records come from, for messages
 */
public record TestChannelSample(String contentType, String body, int records, String source) {

    // far above what a few records need, and within the runtime's default MaxPayloadInMB
    private static final long MAX_BYTES = 1L << 20;

    public static TestChannelSample first(Path channel, RecordLayout layout, int count) {
        try (TestChannelReader reader = new TestChannelReader(channel, layout, MAX_BYTES, count)) {
            Chunk chunk = reader.next().orElseThrow(() -> new ConfigurationException("The test channel " + channel
                    + " has no records (it reads *.jsonl, *.ndjson and *.csv files)."));
            return new TestChannelSample(chunk.contentType(), chunk.body(), chunk.labels().size(), chunk.range());
        }
    }

    /** A {@code curl} command line that sends these records to {@code endpoint}'s {@code /invocations}. */
    public String curl(URI endpoint) {
        String url = endpoint.toString().replaceAll("/+$", "") + "/invocations";
        return "curl -H " + shellQuoted("Content-Type: " + contentType) + " --data-binary "
                + shellQuoted(body.strip()) + " " + shellQuoted(url);
    }

    // a single-quoted word is taken literally by every POSIX shell; a quote inside closes, escapes and reopens
    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
