package dev.mlops.core.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Slack's incoming webhooks, in process on 127.0.0.1: {@code POST /services/<team>/<bot>/<secret>} with a Block
 * Kit message answers {@code 200 ok}; queued faults answer as Slack does ({@code 400 invalid_payload},
 * {@code 403 action_prohibited}, {@code 404 no_service}, {@code 410 channel_is_archived}, {@code 429} with
 * {@code Retry-After}). Every request is journalled and checked against Block Kit's documented limits.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String PATH = "/services/T0FAKE/B0FAKE/";

    /** A canned answer, as Slack sends it. */
    public record Fault(int status, String body, String retryAfter) {
        public static final Fault INVALID_PAYLOAD = new Fault(400, "invalid_payload", null);
        public static final Fault ACTION_PROHIBITED = new Fault(403, "action_prohibited", null);
        public static final Fault NO_SERVICE = new Fault(404, "no_service", null);
        public static final Fault ARCHIVED = new Fault(410, "channel_is_archived", null);

        public static Fault rateLimited(int seconds) {
            return new Fault(429, "rate_limited", Integer.toString(seconds));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> BLOCK_TYPES = Set.of("header", "section", "actions", "context", "divider");

    private final WireMockServer server;
    private final RequestJournal journal;
    private final String secret;
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<JsonNode> messages = new ArrayList<>();

    private FakeSlack(Path journalFile, String secret) {
        this.journal = new RequestJournal(journalFile, path -> path.replace(secret, "<secret>"));
        this.secret = secret;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Answer()));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(Answer.NAME)));
        server.start();
    }

    /** @param secret the last segment of the webhook's path: the part of the URL a leak would show */
    public static FakeSlack start(Path journalFile, String secret) {
        return new FakeSlack(journalFile, secret);
    }

    /** The webhook URL (http to 127.0.0.1, which the channel accepts as loopback). */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.port() + PATH + secret;
    }

    public synchronized void fail(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** The messages Slack accepted (answered 200), oldest first. */
    public synchronized List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    public List<String> violations() {
        return journal.violations();
    }

    public RequestJournal journal() {
        return journal;
    }

    public int requests() {
        return server.getAllServeEvents().size();
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized Response answer(Request request) {
        journal.record(request);
        if (!request.getMethod().getName().equals("POST") || !request.getUrl().equals(PATH + secret)) {
            return plain(404, "no_service", null);
        }
        JsonNode message;
        try {
            message = JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            journal.violation("not JSON: " + request.getBodyAsString());
            return plain(400, "invalid_payload", null);
        }
        List<String> problems = BlockKit.check(message);
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            problems = new ArrayList<>(problems);
            problems.add("Content-Type is " + contentType + ", not application/json");
        }
        problems.forEach(journal::violation);
        if (!problems.isEmpty()) {
            return plain(400, "invalid_blocks", null);
        }
        Fault fault = faults.poll();
        if (fault != null) {
            return plain(fault.status(), fault.body(), fault.retryAfter());
        }
        messages.add(message);
        return plain(200, "ok", null);
    }

    private static Response plain(int status, String body, String retryAfter) {
        HttpHeaders headers = new HttpHeaders(new HttpHeader("Content-Type", "text/html"));
        if (retryAfter != null) {
            headers = headers.plus(new HttpHeader("Retry-After", retryAfter));
        }
        return Response.response().status(status).body(body).headers(headers).build();
    }

    /** Block Kit's limits for the blocks a webhook message may carry (api.slack.com/reference/block-kit). */
    static final class BlockKit {
        private BlockKit() {}

        static List<String> check(JsonNode message) {
            List<String> problems = new ArrayList<>();
            JsonNode blocks = message.path("blocks");
            if (!message.path("text").isTextual() && !blocks.isArray()) {
                problems.add("neither text nor blocks");
            }
            if (blocks.size() > 50) {
                problems.add(blocks.size() + " blocks, more than 50");
            }
            for (JsonNode block : blocks) {
                String type = block.path("type").asText();
                if (!BLOCK_TYPES.contains(type)) {
                    problems.add("unknown block type '" + type + "'");
                }
                switch (type) {
                    case "header" -> text(problems, "header", block.path("text"), 150, true);
                    case "section" -> {
                        if (!block.has("text") && !block.has("fields")) {
                            problems.add("a section with neither text nor fields");
                        }
                        if (block.has("text")) {
                            text(problems, "section text", block.path("text"), 3000, false);
                        }
                        JsonNode fields = block.path("fields");
                        if (fields.size() > 10) {
                            problems.add("a section with " + fields.size() + " fields, more than 10");
                        }
                        fields.forEach(field -> text(problems, "section field", field, 2000, false));
                    }
                    case "actions" -> {
                        JsonNode elements = block.path("elements");
                        if (elements.isEmpty() || elements.size() > 25) {
                            problems.add("an actions block with " + elements.size() + " elements (1 to 25)");
                        }
                        Set<String> ids = new java.util.HashSet<>();
                        for (JsonNode button : elements) {
                            if (!button.path("type").asText().equals("button")) {
                                problems.add("an action that is not a button");
                            }
                            text(problems, "button text", button.path("text"), 75, true);
                            String url = button.path("url").asText("");
                            if (url.isEmpty() || url.length() > 3000 || !url.matches("https?://\\S+")) {
                                problems.add("button url '" + url + "' (a URL of at most 3000 characters)");
                            }
                            String id = button.path("action_id").asText("");
                            if (id.length() > 255 || !ids.add(id)) {
                                problems.add("action_id '" + id + "' repeated or longer than 255");
                            }
                            if (button.has("style") && !Set.of("primary", "danger").contains(button.path("style").asText())) {
                                problems.add("button style " + button.path("style"));
                            }
                        }
                    }
                    default -> { }
                }
            }
            return problems;
        }

        private static void text(List<String> problems, String where, JsonNode text, int max, boolean plainOnly) {
            String type = text.path("type").asText();
            String value = text.path("text").asText("");
            if (plainOnly ? !type.equals("plain_text") : !Set.of("plain_text", "mrkdwn").contains(type)) {
                problems.add(where + " of type '" + type + "'");
            }
            if (value.isEmpty() || value.codePointCount(0, value.length()) > max) {
                problems.add(where + " of " + value.codePointCount(0, value.length()) + " characters (1 to " + max + ")");
            }
        }
    }

    private final class Answer implements ResponseTransformerV2 {
        static final String NAME = "fake-slack";

        @Override
        public Response transform(Response response, ServeEvent event) {
            return answer(event.getRequest());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
