package dev.mlops.core.evaluate;

import dev.mlops.testmodels.KeywordClassifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.deploy.SmokeTest;
import dev.mlops.runtime.ModelServer;
import dev.mlops.runtime.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A record the model refuses is named by its file and line, in evaluation and in the deploy smoke test. */
class RefusedRecordTest {

    @TempDir Path temp;
    private Path testData;
    private ModelServer server;
    private URI base;

    @BeforeEach
    void serveTheKeywordModelWithTheRealRuntime() throws Exception {
        Path modelDir = Files.createDirectories(temp.resolve("model"));
        Files.writeString(modelDir.resolve("keyword.txt"), "win");
        server = ModelServer.start(ServerConfig.loopback(modelDir), new KeywordClassifier());
        server.loaded().get(30, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.port());
        testData = Files.createDirectories(temp.resolve("data/test"));
        // line 5 has no "text": the model refuses it, and with it every request that holds it
        Files.writeString(testData.resolve("emails.jsonl"), """
                {"label":"spam","text":"win money"}
                {"label":"spam","text":"cheap pills"}

                {"label":"ham","text":"win lunch"}
                {"label":"ham","body":"lunch at noon"}
                {"label":"ham","text":"meeting notes"}
                {"label":"ham","text":"see you"}
                """);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void evaluationNamesTheFileAndLineOfTheRefusedRecord() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> predict(100));
        assertEquals("The model refused emails.jsonl line 5: record has no field 'text' and no value at position 0;"
                + " send {\"text\": ...} as JSON or put it in CSV column 1. Fix that record or the model's handling of it.",
                e.getMessage());
    }

    @Test
    void aRefusedRecordAloneInItsRequestIsNamedToo() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> predict(1));
        assertTrue(e.getMessage().startsWith("The model refused emails.jsonl line 5: record has no field 'text'"),
                e.getMessage());
    }

    @Test
    void theDeploySmokeTestNamesItTheSameWay() {
        Optional<String> failure = SmokeTest.fromChannel(testData, RecordLayout.DEFAULT, 5).failureAgainst(base);
        assertTrue(failure.orElseThrow().startsWith("/invocations answered 400 for emails.jsonl line 5: record has no field"
                + " 'text'"), failure.orElseThrow());
    }

    @Test
    void halvingFindsTheRecordInFewRequestsAndGivesUpWhenOnlyTheWholeIsRefused() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int n = 1; n <= 64; n++) {
            lines.append("{\"label\":\"a\",\"n\":").append(n).append("}\n");
        }
        Files.writeString(testData.resolve("emails.jsonl"), lines);
        Chunk chunk;
        try (TestChannelReader reader = new TestChannelReader(testData, RecordLayout.DEFAULT, 1 << 20, 100)) {
            chunk = reader.next().orElseThrow();
        }
        List<String> sent = new ArrayList<>();
        Invocations refusesRecord40 = (type, body) -> {
            sent.add(body);
            return body.lines().anyMatch("{\"n\":40}"::equals) ? Optional.of("n 40 is out of range") : Optional.empty();
        };
        assertEquals(Optional.of("emails.jsonl line 40: n 40 is out of range"), RefusedRecord.in(chunk, "whole", refusesRecord40));
        assertTrue(sent.size() <= 2 * 6, "at most two requests per halving of 64 records: " + sent.size());

        Invocations onlyTogether = (type, body) -> body.lines().count() == 64 ? Optional.of("too many") : Optional.empty();
        assertEquals(Optional.empty(), RefusedRecord.in(chunk, "too many", onlyTogether));
    }

    private void predict(int recordsPerRequest) {
        new BatchPredictor(new BatchPredictor.Settings(recordsPerRequest, Duration.ofSeconds(30)), Clock.systemUTC(),
                MlopsEvents.NONE).predict(base, testData, RecordLayout.DEFAULT, new ClassificationAccumulator(Optional.empty()));
    }
}
