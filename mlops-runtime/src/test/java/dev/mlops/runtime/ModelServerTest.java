package dev.mlops.runtime;

import dev.mlops.testmodels.KeywordModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The serving contract over real HTTP on 127.0.0.1. */
class ModelServerTest {

    private static final String SPAM_SCORES = "\"scores\":{\"ham\":0.25,\"spam\":0.75}";

    @TempDir
    static Path temp;

    private static OptMl tree;
    private static ModelServer server;
    private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startServerOnATrainedModel() throws Exception {
        tree = OptMlFixture.trained(temp);
        server = ModelServer.start(ServerConfig.loopback(tree.modelDir()).withWorkers(4).withMaxPayloadMb(1), new KeywordModel());
        server.loaded().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void pingIs200WhenTheModelIsLoaded() throws Exception {
        assertTrue(server.isReady());
        assertEquals(200, get(server, "/ping").statusCode());
    }

    @Test
    void pingIs503WhileTheModelLoadsThen200() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Model slowToLoad = new KeywordModel() {
            @Override
            public Predictor load(Path modelDir) throws Exception {
                release.await();
                return super.load(modelDir);
            }
        };
        try (ModelServer loading = ModelServer.start(ServerConfig.loopback(tree.modelDir()), slowToLoad)) {
            HttpResponse<String> ping = get(loading, "/ping");
            assertEquals(503, ping.statusCode());
            assertTrue(ping.body().startsWith("the model is still loading from " + tree.modelDir()), ping.body());
            assertEquals(503, post(loading, "text/csv", null, "hello").statusCode());

            release.countDown();
            loading.loaded().get(10, TimeUnit.SECONDS);

            assertEquals(200, get(loading, "/ping").statusCode());
        }
    }

    @Test
    void aModelThatFailsToLoadIsReportedAndNeverReady() throws Exception {
        try (ModelServer broken = ModelServer.start(ServerConfig.loopback(temp.resolve("no-model-here")), new KeywordModel())) {
            ExecutionException failure = assertThrows(ExecutionException.class, () -> broken.loaded().get(10, TimeUnit.SECONDS));
            assertInstanceOf(java.nio.file.NoSuchFileException.class, failure.getCause());
            assertEquals(ModelServer.State.FAILED, broken.state());
            HttpResponse<String> ping = get(broken, "/ping");
            assertEquals(503, ping.statusCode());
            assertTrue(ping.body().contains("the model failed to load from") && ping.body().contains("keywords.tsv"), ping.body());
        }
    }

    @Test
    void csvInCsvOut() throws Exception {
        HttpResponse<String> response = post(server, "text/csv", null, "\"win, money\"\r\nhello\r\n\"multi\nline lunch\"\r\n");

        assertEquals(200, response.statusCode());
        assertEquals("text/csv", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("spam,0.25,0.75\nham,0.5,0.5\nham,0.6666666666666666,0.3333333333333333\n", response.body());
    }

    @Test
    void jsonInJsonOut() throws Exception {
        HttpResponse<String> object = post(server, "application/json; charset=utf-8", null, "{\"text\": \"win money\"}");
        assertEquals(200, object.statusCode());
        assertEquals("application/json", object.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"predictions\":[{\"label\":\"spam\"," + SPAM_SCORES + "}]}", object.body());

        HttpResponse<String> array = post(server, "application/json", "*/*", "[{\"text\":\"win money\"}, [\"lunch\"], \"hello\"]");
        assertEquals("{\"predictions\":[{\"label\":\"spam\"," + SPAM_SCORES + "},"
                + "{\"label\":\"ham\",\"scores\":{\"ham\":0.6666666666666666,\"spam\":0.3333333333333333}},"
                + "{\"label\":\"ham\",\"scores\":{\"ham\":0.5,\"spam\":0.5}}]}", array.body());

        HttpResponse<String> instances = post(server, "application/json", null, "{\"instances\": [\"win money\", \"hello\"]}");
        assertEquals(2, instances.body().split("\"label\"").length - 1, instances.body());
    }

    @Test
    void jsonLinesInJsonLinesOut() throws Exception {
        HttpResponse<String> response = post(server, "application/jsonl", null, "{\"text\": \"win money\"}\n\n[\"hello\"]\n");

        assertEquals(200, response.statusCode());
        assertEquals("application/jsonlines", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"label\":\"spam\"," + SPAM_SCORES + "}\n{\"label\":\"ham\",\"scores\":{\"ham\":0.5,\"spam\":0.5}}\n",
                response.body());
    }

    @Test
    void theAcceptHeaderChoosesTheAnswersFormat() throws Exception {
        assertEquals("spam,0.25,0.75\n", post(server, "application/json", "text/csv", "{\"text\": \"win money\"}").body());
        assertEquals("{\"predictions\":[{\"label\":\"spam\"," + SPAM_SCORES + "}]}",
                post(server, "text/csv", "application/json", "win money").body());
        assertEquals("{\"label\":\"spam\"," + SPAM_SCORES + "}\n",
                post(server, "text/csv", "application/x-jsonlines;q=0.9, text/html", "win money").body());
    }

    @Test
    void regressionPredictionsAreNumbers() throws Exception {
        Model regression = predictorModel(records -> records.stream().map(r -> Prediction.number(3.2)).toList());
        try (ModelServer regressionServer = started(regression)) {
            assertEquals("{\"predictions\":[{\"value\":3.2},{\"value\":3.2}]}",
                    post(regressionServer, "text/csv", "application/json", "1,2\n3,4").body());
            assertEquals("3.2\n", post(regressionServer, "application/json", "text/csv", "[[1, 2]]").body());
        }
    }

    @Test
    void malformedInputIs400NamingThePosition() throws Exception {
        HttpResponse<String> csv = post(server, "text/csv", null, "ok\n\"never closed\n");
        assertEquals(400, csv.statusCode());
        assertEquals("CSV line 2, column 1: the quoted field is never closed; end it with a quote\n", csv.body());

        HttpResponse<String> json = post(server, "application/json", null, "{\"text\": \"a\",}");
        assertEquals(400, json.statusCode());
        assertTrue(json.body().startsWith("malformed JSON: expected a string key in double quotes but found '}' at line 1, column 14"),
                json.body());

        HttpResponse<String> lines = post(server, "application/jsonlines", null, "{}\nnope\n");
        assertEquals(400, lines.statusCode());
        assertTrue(lines.body().startsWith("malformed JSON lines: line 2, column 1: "), lines.body());

        HttpResponse<String> notUtf8 = send(server, HttpRequest.newBuilder(uri(server, "/invocations"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'o', 'k', (byte) 0xff})));
        assertEquals(400, notUtf8.statusCode());
        assertEquals("the request body is not valid UTF-8 (at byte 2); send UTF-8 text\n", notUtf8.body());
    }

    @Test
    void aRecordThePredictorRejectsIs400WithItsMessage() throws Exception {
        HttpResponse<String> response = post(server, "text/csv", null, "hello\nreject me");

        assertEquals(400, response.statusCode());
        assertEquals("text 'reject me' is not allowed; send any other text\n", response.body());
        assertEquals(400, post(server, "application/json", null, "{\"other\": 1}").statusCode());
    }

    @Test
    void unsupportedTypesAre415And406ListingTheSupportedOnes() throws Exception {
        HttpResponse<String> contentType = post(server, "text/plain", null, "hello");
        assertEquals(415, contentType.statusCode());
        assertEquals("unsupported Content-Type 'text/plain'; send one of: text/csv, application/json, application/jsonlines\n",
                contentType.body());

        HttpResponse<String> accept = post(server, "text/csv", "application/xml", "hello");
        assertEquals(406, accept.statusCode());
        assertTrue(accept.body().contains("'application/xml'; accept one of: text/csv, application/json, application/jsonlines"),
                accept.body());
    }

    @Test
    void aPayloadOverTheLimitIs413() throws Exception {
        String tooBig = "hello\n".repeat(200_000); // 1.2 MB against a limit of 1 MB

        HttpResponse<String> response = post(server, "text/csv", null, tooBig);

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("larger than 1 MB (SAGEMAKER_MAX_PAYLOAD_IN_MB)"), response.body());
        assertEquals(200, post(server, "text/csv", null, "hello\n".repeat(150_000)).statusCode());
    }

    @Test
    void aWrongNumberOfPredictionsIs500SayingSo() throws Exception {
        try (ModelServer lying = started(predictorModel(records -> List.of(Prediction.label("a"))))) {
            HttpResponse<String> response = post(lying, "text/csv", null, "1\n2\n3");
            assertEquals(500, response.statusCode());
            assertEquals("the model returned 1 predictions for 3 records; Predictor.predict must return exactly one"
                    + " prediction per record, in order\n", response.body());
        }
    }

    @Test
    void otherFailuresAre500WithTheMessageButNoStackTrace() throws Exception {
        Model failing = predictorModel(records -> {
            throw new IllegalStateException("feature store unreachable");
        });
        try (ModelServer broken = started(failing)) {
            HttpResponse<String> response = post(broken, "text/csv", null, "1");
            assertEquals(500, response.statusCode());
            assertEquals("prediction failed: feature store unreachable\n", response.body());
        }
        Model nanScores = predictorModel(records -> List.of(Prediction.label("a", Map.of("a", Double.NaN))));
        try (ModelServer nan = started(nanScores)) {
            HttpResponse<String> response = post(nan, "text/csv", "application/json", "1");
            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("cannot write the predictions as application/json: JSON cannot represent"));
        }
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> missing = get(server, "/predict");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("no such path '/predict'"));
        assertEquals(404, get(server, "/pingx").statusCode());

        HttpResponse<String> wrongMethod = get(server, "/invocations");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, send(server, HttpRequest.newBuilder(uri(server, "/ping")).DELETE()).statusCode());
    }

    @Test
    void clientsThatSendHalfARequestDoNotBlockOthers() throws Exception {
        // more half-sent requests than the server has workers, each holding its connection open
        List<java.net.Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * 4; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port());
                String half = i % 2 == 0 ? "GET /ping HTTP/1.1\r\nHost: x\r\n"
                        : "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\nwin";
                socket.getOutputStream().write(half.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(300); // let the server hand them to its threads
            HttpClient prompt = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> ping = prompt.send(HttpRequest.newBuilder(uri(server, "/ping"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            HttpResponse<String> invocation = prompt.send(HttpRequest.newBuilder(uri(server, "/invocations"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("win money")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, invocation.statusCode(), invocation.body());
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void executionParametersDescribeTheBatchLimits() throws Exception {
        HttpResponse<String> response = get(server, "/execution-parameters");

        assertEquals(200, response.statusCode());
        assertEquals("{\"MaxConcurrentTransforms\":4,\"BatchStrategy\":\"MULTI_RECORD\",\"MaxPayloadInMB\":1}", response.body());
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswers() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String text = i % 2 == 0 ? "win money " + i : "lunch " + i;
                answers.add(callers.submit(() -> post(server, "text/csv", null, text)));
            }
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get(20, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode());
                assertTrue(answer.body().startsWith(i % 2 == 0 ? "spam," : "ham,"), i + ": " + answer.body());
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void answersAreNotDelayedByNagle() throws Exception {
        long[] millis = new long[40];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            assertEquals(200, post(server, "application/json", null, "{\"text\": \"win money\"}").statusCode());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        // without sun.net.httpserver.nodelay=true each answer waits ~40 ms for a delayed ACK
        assertTrue(millis[millis.length / 2] < 20, "median " + millis[millis.length / 2] + " ms: " + Arrays.toString(millis));
    }

    @Test
    void stopLetsARequestInFlightFinishAndThenRefusesConnections() throws Exception {
        CountDownLatch predicting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] closed = new boolean[1];
        Model slow = predictorModel(records -> {
            predicting.countDown();
            release.await();
            return List.of(Prediction.label("finished"));
        }, () -> closed[0] = true);
        ModelServer draining = started(slow);
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(uri(draining, "/invocations"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(predicting.await(10, TimeUnit.SECONDS));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(draining::stop);
        waitUntil(() -> draining.state() == ModelServer.State.STOPPING);
        assertFalse(draining.isReady());
        assertFalse(stopping.isDone());
        assertFalse(closed[0], "the predictor was closed while a request still used it");
        release.countDown();

        HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("finished\n", answer.body());
        stopping.get(10, TimeUnit.SECONDS);
        assertTrue(closed[0], "the predictor was not closed");
        assertEquals(ModelServer.State.STOPPED, draining.state());
        IOException refused = assertThrows(IOException.class, () -> get(draining, "/ping"));
        assertInstanceOf(ConnectException.class, refused);
    }

    @Test
    void stopGivesUpOnRequestsThatOutlastTheDrainTimeout() throws Exception {
        CountDownLatch predicting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Model stuck = predictorModel(records -> {
            predicting.countDown();
            never.await();
            return List.of();
        });
        ModelServer server = ModelServer.start(ServerConfig.loopback(tree.modelDir()).withDrainTimeout(Duration.ofMillis(300)), stuck);
        server.loaded().get(10, TimeUnit.SECONDS);
        client.sendAsync(HttpRequest.newBuilder(uri(server, "/invocations")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(predicting.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        server.stop();

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "stop took " + (System.nanoTime() - start) / 1e6 + " ms");
    }

    @Test
    void anIdleServerStopsAtOnce() throws Exception {
        ModelServer idle = started(new KeywordModel());
        long start = System.nanoTime();

        idle.stop();
        idle.stop();

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "stop took " + (System.nanoTime() - start) / 1e6 + " ms");
    }

    // --- helpers

    interface PredictFunction {
        List<Prediction> predict(List<Record> records) throws Exception;
    }

    private static Model predictorModel(PredictFunction predict) {
        return predictorModel(predict, () -> {});
    }

    private static Model predictorModel(PredictFunction predict, Runnable onClose) {
        return new Model() {
            @Override
            public void train(TrainingContext context) {}

            @Override
            public Predictor load(Path modelDir) {
                return new Predictor() {
                    @Override
                    public List<Prediction> predict(List<Record> records) throws Exception {
                        return predict.predict(records);
                    }

                    @Override
                    public void close() {
                        onClose.run();
                    }
                };
            }
        };
    }

    private static ModelServer started(Model model) throws Exception {
        ModelServer started = ModelServer.start(ServerConfig.loopback(tree.modelDir()), model);
        started.loaded().get(10, TimeUnit.SECONDS);
        return started;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 10 s");
            Thread.sleep(10);
        }
    }

    private static URI uri(ModelServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    static HttpResponse<String> get(ModelServer server, String path) throws IOException, InterruptedException {
        return send(server, HttpRequest.newBuilder(uri(server, path)).GET());
    }

    static HttpResponse<String> post(ModelServer server, String contentType, String accept, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(server, "/invocations"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return send(server, request);
    }

    private static HttpResponse<String> send(ModelServer server, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
