package dev.mlops.core.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Batch prediction as SageMaker batch transform does it: asks the model server for its
 * {@code /execution-parameters}, then POSTs the test records to {@code /invocations} in requests up
 * to {@code MaxPayloadInMB}, a few at a time, and streams each answer into the metrics. At most
 * {@code concurrency + 1} chunks are in memory at once.
 */
public final class BatchPredictor {

    /** What batch transform assumes when a container does not answer {@code /execution-parameters}. */
    private static final int DEFAULT_MAX_PAYLOAD_MB = 6;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param maxRecordsPerRequest fewer records per request than the payload limit allows, if set lower
     * @param requestTimeout how long one request may take
     */
    public record Settings(int maxRecordsPerRequest, Duration requestTimeout) {}

    private final HttpClient http;
    private final Settings settings;
    private final Clock clock;
    private final MlopsEvents events;

    public BatchPredictor(Settings settings, Clock clock, MlopsEvents events) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /** Predicts every record of {@code testChannel} on the server at {@code server} into {@code metrics}. */
    public void predict(URI server, Path testChannel, RecordLayout layout, MetricsAccumulator metrics) {
        ExecutionParameters parameters = executionParameters(server);
        int concurrency = Math.max(1, Math.min(parameters.maxConcurrentTransforms(),
                Runtime.getRuntime().availableProcessors()));
        events.info("Batch prediction at " + server + "/invocations: up to " + parameters.maxPayloadMb()
                + " MB and " + settings.maxRecordsPerRequest() + " records per request, " + concurrency + " at a time");
        ExecutorService senders = Executors.newFixedThreadPool(concurrency, r -> {
            Thread thread = new Thread(r, "mlops-batch-prediction");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Progress progress = new Progress(clock.instant());
        try (TestChannelReader reader = new TestChannelReader(testChannel, layout,
                parameters.maxPayloadMb() * 1024L * 1024L, settings.maxRecordsPerRequest())) {
            for (Optional<Chunk> next = reader.next(); next.isPresent() && failure.get() == null; next = reader.next()) {
                Chunk chunk = next.get();
                acquire(inFlight);
                senders.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            answer(server, chunk, metrics);
                            progress.add(chunk.labels().size());
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } catch (Error e) { // e.g. out of memory: the records of this chunk would silently be missing
                        failure.compareAndSet(null, new InfrastructureException("Batch prediction failed: " + e, e));
                    } finally {
                        inFlight.release();
                    }
                });
            }
            acquire(inFlight, concurrency); // every request answered
        } finally {
            senders.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Duration took = Duration.between(progress.started, clock.instant());
        events.info(String.format(java.util.Locale.ROOT, "Predicted %d records in %.1f s", progress.records.get(),
                took.toMillis() / 1000.0));
    }

    private void answer(URI server, Chunk chunk, MetricsAccumulator metrics) {
        HttpResponse<String> response = send(invocation(server, chunk.contentType(), chunk.body()), chunk);
        if (response.statusCode() != 200) {
            String message = "The model server answered HTTP " + response.statusCode() + " for " + chunk.range()
                    + " of the test channel: " + abbreviate(response.body());
            if (response.statusCode() >= 500) {
                throw new InfrastructureException(message, null);
            }
            Optional<String> refused = Invocations.refusesRecords(response.statusCode())
                    ? RefusedRecord.in(chunk, abbreviate(response.body()), (type, body) -> refusal(server, type, body, chunk))
                    : Optional.empty();
            throw new ConfigurationException(refused.map(record -> "The model refused " + record
                            + ". Fix that record or the model's handling of it.")
                    .orElse(message + ". Fix those records or the model's handling of them."));
        }
        String[] lines = response.body().split("\n");
        int answers = 0;
        for (String line : lines) {
            answers += line.isBlank() ? 0 : 1;
        }
        if (answers != chunk.labels().size()) {
            throw new ConfigurationException("The model answered " + answers + " predictions for the "
                    + chunk.labels().size() + " records of " + chunk.range() + "; it must answer exactly one"
                    + " prediction per record, in order.");
        }
        int index = 0;
        synchronized (metrics) {
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                int i = index++;
                metrics.add(chunk.labels().get(i), parse(line, chunk, i), () -> chunk.where(i));
            }
        }
    }

    private HttpRequest invocation(URI server, String contentType, String body) {
        return HttpRequest.newBuilder(server.resolve("/invocations"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", contentType)
                .header("Accept", TestChannelReader.JSON_LINES)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private Optional<String> refusal(URI server, String contentType, String body, Chunk chunk) {
        HttpResponse<String> response = send(invocation(server, contentType, body), chunk);
        return response.statusCode() == 200 ? Optional.empty() : Optional.of(abbreviate(response.body()));
    }

    private static Predicted parse(String line, Chunk chunk, int index) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("The model's answer for " + chunk.where(index) + " is not JSON: "
                    + abbreviate(line));
        }
        JsonNode label = node.get("label");
        JsonNode value = node.get("value");
        if (label != null && label.isValueNode() && !label.isNull()) {
            Map<String, Double> scores = new HashMap<>();
            JsonNode scoreNode = node.get("scores");
            if (scoreNode != null && scoreNode.isObject()) {
                scoreNode.fields().forEachRemaining(e -> scores.put(e.getKey(),
                        e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN));
            }
            return Predicted.label(label.asText(), scores);
        }
        if (value != null && value.isNumber()) {
            return Predicted.number(value.doubleValue());
        }
        throw new ConfigurationException("The model's answer for " + chunk.where(index) + " has neither a \"label\""
                + " nor a numeric \"value\": " + abbreviate(line));
    }

    private HttpResponse<String> send(HttpRequest request, Chunk chunk) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InfrastructureException("The model server did not answer for " + chunk.range() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted during batch prediction", e);
        }
    }

    private record ExecutionParameters(int maxPayloadMb, int maxConcurrentTransforms) {}

    private ExecutionParameters executionParameters(URI server) {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/execution-parameters"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode node = JSON.readTree(response.body());
                return new ExecutionParameters(Math.max(1, node.path("MaxPayloadInMB").asInt(DEFAULT_MAX_PAYLOAD_MB)),
                        Math.max(1, node.path("MaxConcurrentTransforms").asInt(1)));
            }
            events.warn("The model server answered HTTP " + response.statusCode() + " for /execution-parameters;"
                    + " sending at most " + DEFAULT_MAX_PAYLOAD_MB + " MB per request, one at a time.");
            return new ExecutionParameters(DEFAULT_MAX_PAYLOAD_MB, 1);
        } catch (IOException e) {
            throw new InfrastructureException("The model server at " + server + " did not answer /execution-parameters: "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted during batch prediction", e);
        }
    }

    private final class Progress {
        final Instant started;
        final AtomicLong records = new AtomicLong();
        Instant lastReport;

        Progress(Instant started) {
            this.started = started;
            this.lastReport = started;
        }

        synchronized void add(int count) {
            long total = records.addAndGet(count);
            Instant now = clock.instant();
            if (Duration.between(lastReport, now).compareTo(PROGRESS_EVERY) >= 0) {
                lastReport = now;
                double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
                events.info(String.format(java.util.Locale.ROOT, "Predicted %d records (%.0f per second)", total,
                        total / seconds));
            }
        }
    }

    private static void acquire(Semaphore semaphore) {
        acquire(semaphore, 1);
    }

    private static void acquire(Semaphore semaphore, int permits) {
        try {
            semaphore.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted during batch prediction", e);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "…";
    }
}
