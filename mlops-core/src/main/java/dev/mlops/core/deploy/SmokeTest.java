package dev.mlops.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.io.Fingerprints;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A few records of the test channel sent to a freshly started version before it gets any traffic:
 * it must answer 200 with one prediction per record.
 *
 * @param body a JSON array of the records, without their label
 */
public record SmokeTest(String source, int records, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first {@code count} records of the first {@code *.jsonl} file under {@code channel}. */
    public static SmokeTest fromChannel(Path channel, String labelField, int count) {
        Path file = Fingerprints.regularFiles(channel).stream()
                .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException("The smoke test needs a *.jsonl file in the test channel "
                        + channel + "; add one, or pass -Dmlops.deploy.smokeRecords=0 to deploy without a smoke test."));
        ArrayNode records = JSON.createArrayNode();
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; records.size() < count && (line = lines.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = parse(line, file, lineNumber);
                if (record instanceof ObjectNode object) {
                    object.remove(labelField); // the model is asked, not told
                }
                records.add(record);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the smoke-test records from " + file + ": " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new ConfigurationException("The smoke test found no records in " + file + ".");
        }
        return new SmokeTest(file.toString(), records.size(), records.toString());
    }

    /**
     * Sends the records to {@code base}'s {@code /invocations}.
     *
     * @return what was wrong, or empty when the answer is right
     */
    public Optional<String> failureAgainst(URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/invocations"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return Optional.of("/invocations answered " + answer.statusCode() + ": " + abbreviate(answer.body()));
            }
            JsonNode predictions = JSON.readTree(answer.body()).path("predictions");
            if (!predictions.isArray() || predictions.size() != records) {
                return Optional.of("/invocations answered " + (predictions.isArray() ? predictions.size() : "no")
                        + " predictions for " + records + " records: " + abbreviate(answer.body()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("/invocations could not be called: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while calling /invocations");
        }
    }

    private static JsonNode parse(String line, Path file, int lineNumber) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new ConfigurationException(file.getFileName() + " line " + lineNumber
                    + " is not valid JSON, so it cannot be a smoke-test record: " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
