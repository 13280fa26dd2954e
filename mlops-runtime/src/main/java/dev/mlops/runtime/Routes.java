package dev.mlops.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/** The three paths of SageMaker's serving contract: {@code /ping}, {@code /invocations}, {@code /execution-parameters}. */
final class Routes implements HttpHandler {

    /** Beyond this the connection is closed on a sender of an oversized body rather than read to its end. */
    private static final long DISCARD_LIMIT = 256L * 1024 * 1024;

    private final ModelServer server;
    private final ServerConfig config;
    // more connections than workers are read at once; only this many predict at once
    private final Semaphore predicting;

    Routes(ModelServer server, ServerConfig config) {
        this.server = server;
        this.config = config;
        this.predicting = new Semaphore(config.workers(), true);
    }

    @Override
    public void handle(HttpExchange exchange) {
        Reply reply;
        try {
            reply = route(exchange);
        } catch (IOException e) {
            return; // the client went away while sending its body; nobody is left to answer
        } catch (RuntimeException | Error e) {
            Log.error("unexpected error answering " + exchange.getRequestMethod() + " " + exchange.getRequestURI(), e);
            reply = Reply.text(500, "internal error: " + FailureReport.headline(e));
        }
        send(exchange, reply);
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        return switch (path) {
            case "/ping" -> method.equals("GET") ? ping() : notAllowed(exchange, method, path, "GET");
            case "/invocations" -> method.equals("POST") ? invocations(exchange) : notAllowed(exchange, method, path, "POST");
            case "/execution-parameters" -> method.equals("GET") ? executionParameters() : notAllowed(exchange, method, path, "GET");
            default -> Reply.text(404, "no such path '" + path + "'; this server answers GET /ping, POST /invocations"
                    + " and GET /execution-parameters");
        };
    }

    private Reply ping() {
        return server.isReady() ? Reply.text(200, "ready") : Reply.text(503, server.notReadyReason());
    }

    private Reply executionParameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("MaxConcurrentTransforms", config.workers());
        parameters.put("BatchStrategy", "MULTI_RECORD");
        parameters.put("MaxPayloadInMB", config.maxPayloadMb());
        return Reply.json(200, parameters);
    }

    private Reply invocations(HttpExchange exchange) throws IOException {
        Optional<Predictor> predictor = server.predictor();
        if (predictor.isEmpty()) {
            return Reply.text(503, server.notReadyReason());
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Optional<PayloadFormat> input = PayloadFormat.forContentType(contentType);
        if (input.isEmpty()) {
            return Reply.text(415, (contentType == null ? "the request has no Content-Type"
                    : "unsupported Content-Type '" + contentType + "'") + "; send one of: " + PayloadFormat.supported());
        }
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        Optional<PayloadFormat> output = PayloadFormat.forAccept(accept, input.get());
        if (output.isEmpty()) {
            return Reply.text(406, "cannot answer in any type of Accept '" + accept + "'; accept one of: "
                    + PayloadFormat.supported() + " (or */* for the request's own type)");
        }
        Optional<byte[]> body = body(exchange);
        if (body.isEmpty()) {
            return Reply.text(413, "the request body is larger than " + config.maxPayloadMb() + " MB ("
                    + ServerConfig.MAX_PAYLOAD_ENV + "); send fewer records per request").closingConnection();
        }
        List<Record> records;
        try {
            records = RecordsReader.read(input.get(), utf8(body.get()));
        } catch (MalformedPayloadException e) {
            return Reply.text(400, e.getMessage());
        }
        predicting.acquireUninterruptibly();
        try {
            return predict(predictor.get(), records, output.get());
        } finally {
            predicting.release();
        }
    }

    private Reply predict(Predictor predictor, List<Record> records, PayloadFormat output) {
        List<Prediction> predictions;
        try {
            predictions = records.isEmpty() ? List.of() : predictor.predict(records);
        } catch (IllegalArgumentException e) {
            return Reply.text(400, FailureReport.headline(e));
        } catch (Exception e) {
            Log.error("prediction failed for " + records.size() + " record(s)", e);
            return Reply.text(500, "prediction failed: " + FailureReport.headline(e));
        }
        if (predictions == null || predictions.size() != records.size()) {
            return Reply.text(500, "the model returned " + (predictions == null ? "null" : predictions.size() + " predictions")
                    + " for " + records.size() + " records; Predictor.predict must return exactly one prediction per record, in order");
        }
        for (int i = 0; i < predictions.size(); i++) { // not indexOf(null): List.of(...) throws on it
            if (predictions.get(i) == null) {
                return Reply.text(500, "the model returned null as prediction " + (i + 1) + " of " + records.size()
                        + "; Predictor.predict must return a Prediction for every record");
            }
        }
        try {
            return Reply.ok(output.mediaType, PredictionsWriter.write(output, predictions));
        } catch (IllegalArgumentException e) {
            return Reply.text(500, "cannot write the predictions as " + output.mediaType + ": " + e.getMessage());
        }
    }

    /** The body, or empty when it is larger than the limit. */
    private Optional<byte[]> body(HttpExchange exchange) throws IOException {
        long limit = config.maxPayloadBytes();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length <= limit) {
                return Optional.of(bytes);
            }
            discard(in, DISCARD_LIMIT);
            return Optional.empty();
        }
    }

    /** Reads what is left of a refused body: a client still sending when the connection closes never sees the 413. */
    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while (total < atMost && (read = in.read(buffer)) >= 0) {
            total += read;
        }
    }

    private static String utf8(byte[] body) throws MalformedPayloadException {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException("the request body is not valid UTF-8 (at byte " + in.position()
                    + "); send UTF-8 text");
        }
    }

    private static Reply notAllowed(HttpExchange exchange, String method, String path, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed);
        return Reply.text(405, "method " + method + " is not allowed on " + path + "; use " + allowed);
    }

    private void send(HttpExchange exchange, Reply reply) {
        try (exchange) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            config.modelVersion().ifPresent(v -> exchange.getResponseHeaders().set(ServerConfig.VERSION_HEADER, v));
            if (reply.closeConnection()) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client closed the connection before reading the answer
        }
    }
}
