package dev.mlops.core.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.evaluate.Invocations;
import dev.mlops.core.evaluate.RecordLayout;
import dev.mlops.core.evaluate.TestChannelSample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A few records of the test channel sent to a freshly started version before it gets any traffic:
 * it must answer 200 with one prediction per record.
 */
public record SmokeTest(TestChannelSample sample) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first {@code count} records of the test channel, without their label, read as evaluation reads them. */
    public static SmokeTest fromChannel(Path channel, RecordLayout layout, int count) {
        return new SmokeTest(TestChannelSample.first(channel, layout, count));
    }

    public int records() {
        return sample.records();
    }

    public String source() {
        return sample.source();
    }

    /**
     * Sends the records to {@code base}'s {@code /invocations}.
     *
     * @return what was wrong, or empty when the answer is right
     */
    public Optional<String> failureAgainst(URI base) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> answer = invoke(http, base, sample.body());
            if (answer.statusCode() != 200) {
                String reason = abbreviate(answer.body());
                Optional<String> refused = Invocations.refusesRecords(answer.statusCode())
                        ? sample.refusedRecord(reason, (type, body) -> refusal(http, base, body)) : Optional.empty();
                return Optional.of(refused.map(record -> "/invocations answered " + answer.statusCode() + " for " + record)
                        .orElse("/invocations answered " + answer.statusCode() + " for " + sample.source() + ": " + reason));
            }
            JsonNode predictions = JSON.readTree(answer.body()).path("predictions");
            if (!predictions.isArray() || predictions.size() != sample.records()) {
                return Optional.of("/invocations answered " + (predictions.isArray() ? predictions.size() : "no")
                        + " predictions for " + sample.records() + " records: " + abbreviate(answer.body()));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("/invocations could not be called: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while calling /invocations");
        }
    }

    private HttpResponse<String> invoke(HttpClient http, URI base, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/invocations"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", sample.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    // a record alone, or half of the sample: its answer decides where the refused record is
    private Optional<String> refusal(HttpClient http, URI base, String body) {
        try {
            HttpResponse<String> answer = invoke(http, base, body);
            return answer.statusCode() == 200 ? Optional.empty() : Optional.of(abbreviate(answer.body()));
        } catch (IOException e) {
            return Optional.of("/invocations could not be called: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while calling /invocations");
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
