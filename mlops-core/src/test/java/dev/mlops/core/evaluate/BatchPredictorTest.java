package dev.mlops.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch prediction against servers that do not keep the contract (the real runtime's are in EvaluationServiceTest). */
class BatchPredictorTest {

    @TempDir Path dir;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aPredictionCountThatDoesNotMatchTheRecordsIsAnErrorNamingBoth() throws Exception {
        serve(200, "{\"label\":\"spam\"}\n");
        Files.writeString(dir.resolve("t.jsonl"), "{\"label\":\"spam\",\"text\":\"a\"}\n{\"label\":\"ham\",\"text\":\"b\"}\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, this::predict);
        assertTrue(e.getMessage().contains("answered 1 predictions for the 2 records of t.jsonl lines 1-2"), e.getMessage());
    }

    @Test
    void aRefusedRequestIsAnErrorWithTheServersReason() throws Exception {
        serve(400, "record 1: record has no field 'text'");
        Files.writeString(dir.resolve("t.jsonl"), "{\"label\":\"spam\",\"body\":\"a\"}\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, this::predict);
        assertTrue(e.getMessage().startsWith("The model refused t.jsonl line 1: ") && e.getMessage().contains("no field 'text'"),
                e.getMessage());
    }

    @Test
    void requestsRespectTheServersPayloadLimit() throws Exception {
        AtomicInteger requests = serve(200, null);
        StringBuilder lines = new StringBuilder();
        String text = "x".repeat(100_000);
        for (int i = 0; i < 25; i++) {
            lines.append("{\"label\":\"spam\",\"text\":\"").append(text).append("\"}\n");
        }
        Files.writeString(dir.resolve("t.jsonl"), lines);
        ClassificationAccumulator metrics = new ClassificationAccumulator(Optional.empty());
        new BatchPredictor(new BatchPredictor.Settings(1000, Duration.ofSeconds(10)), Clock.systemUTC(), MlopsEvents.NONE)
                .predict(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), dir, RecordLayout.DEFAULT, metrics);
        assertEquals(25, metrics.result().records());
        assertEquals(3, requests.get(), "1 MB per request: 10 + 10 + 5 records of 100 KB");
    }

    private void predict() {
        new BatchPredictor(new BatchPredictor.Settings(1000, Duration.ofSeconds(10)), Clock.systemUTC(), MlopsEvents.NONE)
                .predict(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), dir, RecordLayout.DEFAULT,
                        new ClassificationAccumulator(Optional.empty()));
    }

    /** A server with a 1 MB payload limit answering every request with {@code body}, or one "spam" per line sent. */
    private AtomicInteger serve(int status, String body) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/execution-parameters", exchange -> reply(exchange, 200,
                "{\"MaxConcurrentTransforms\":1,\"BatchStrategy\":\"MULTI_RECORD\",\"MaxPayloadInMB\":1}"));
        server.createContext("/invocations", exchange -> {
            requests.incrementAndGet();
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (sent.length() > 1024 * 1024) {
                reply(exchange, 413, "too large");
                return;
            }
            reply(exchange, status, body != null ? body : "{\"label\":\"spam\"}\n".repeat((int) sent.lines().count()));
        });
        server.start();
        return requests;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
