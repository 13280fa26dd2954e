package dev.mlops.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mlops.core.testing.RequestJournal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Amazon SNS's Publish, played in process on 127.0.0.1 over the query protocol SDK 2.40.2 speaks (a form-encoded
 * POST: {@code Action=Publish&Version=2010-03-31&TopicArn=…&Message=…&Subject=…&MessageAttributes.entry.N.…}),
 * answering the documented XML {@code PublishResponse} with a MessageId. Stateful: only topics made with
 * {@link #topic} exist (others are NotFound), and every published message is kept. Faults are queued: NotFound
 * (404), AuthorizationError (403), Throttling (400, which the SDK retries). Every request is journalled without
 * credentials and checked against Publish's documented rules; a violation is answered with InvalidParameter and
 * kept in {@link #violations()} for the test to fail on.
 */
public final class FakeSns implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    private static final String XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";

    /** A fault for the next Publish. */
    public enum Fault { NOT_FOUND, AUTHORIZATION_ERROR, THROTTLING }

    /** One message SNS accepted; {@code attributes} name to {@code [DataType, StringValue]}. */
    public record Published(String topicArn, String subject, String message, Map<String, List<String>> attributes,
            String messageId, Map<String, String> parameters) {}

    // Publish's rules (API reference: Publish, MessageAttributeValue; SNS message attributes)
    private static final Pattern TOPIC_ARN = Pattern.compile(
            "arn:aws[-a-z]*:sns:[a-z0-9-]+:\\d{12}:([A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\\.fifo)");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern DATA_TYPE = Pattern.compile("(String|Number|Binary|String\\.Array)(\\.[A-Za-z0-9_.-]+)?");
    private static final Pattern ENTRY = Pattern.compile("MessageAttributes\\.entry\\.(\\d+)\\.(Name|Value\\.DataType|"
            + "Value\\.StringValue|Value\\.BinaryValue)");
    private static final Set<String> PARAMETERS = Set.of("Action", "Version", "TopicArn", "TargetArn", "PhoneNumber",
            "Message", "Subject", "MessageStructure", "MessageDeduplicationId", "MessageGroupId");
    static final int SIZE_MAX = 256 * 1024;
    static final int SUBJECT_MAX = 100;
    static final int ATTRIBUTES_MAX = 10;

    private final WireMockServer server;
    private final RequestJournal journal;
    private final String region;
    private final Set<String> topics = new LinkedHashSet<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final List<Published> published = new ArrayList<>();

    private FakeSns(Path journalFile, String region, List<String> secrets) {
        this.journal = new RequestJournal(journalFile, secrets);
        this.region = region;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Play()));
    }

    /** Starts on a free port; the journal goes to {@code journalFile}; {@code secrets} never reach it. */
    public static FakeSns start(Path journalFile, String region, List<String> secrets) {
        FakeSns fake = new FakeSns(journalFile, region, secrets);
        fake.server.start();
        fake.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return fake;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Creates the topic {@code name} in the fake's region and account; its ARN. */
    public synchronized String topic(String name) {
        String arn = "arn:aws:sns:" + region + ":" + ACCOUNT + ":" + name;
        topics.add(arn);
        return arn;
    }

    /** Queues faults for the next Publish calls, in order. */
    public synchronized FakeSns fault(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    /** The constraint violations seen; a test fails when this is not empty. */
    public List<String> violations() {
        return journal.violations();
    }

    public RequestJournal journal() {
        return journal;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized ResponseDefinition answer(LoggedRequest request) {
        journal.record(request);
        String contentType = String.valueOf(request.getHeader("Content-Type"));
        if (!request.getMethod().getName().equals("POST") || !contentType.startsWith("application/x-www-form-urlencoded")) {
            return refuse("not a form-encoded POST: " + request.getMethod() + " " + request.getUrl() + " " + contentType);
        }
        Map<String, String> form = form(request.getBodyAsString());
        List<String> problems = check(form);
        if (!problems.isEmpty()) {
            problems.forEach(journal::violation);
            return error(400, "Sender", "InvalidParameter", String.join("; ", problems));
        }
        Fault fault = faults.poll();
        String arn = form.get("TopicArn");
        if (fault == Fault.NOT_FOUND || !topics.contains(arn)) {
            return error(404, "Sender", "NotFound", "Topic does not exist");
        }
        if (fault == Fault.AUTHORIZATION_ERROR) {
            return error(403, "Sender", "AuthorizationError", "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/ci/job is not"
                    + " authorized to perform: SNS:Publish on resource: " + arn + " because no identity-based policy allows"
                    + " the SNS:Publish action");
        }
        if (fault == Fault.THROTTLING) {
            return error(400, "Sender", "Throttling", "Rate exceeded");
        }
        String id = UUID.randomUUID().toString();
        published.add(new Published(arn, form.get("Subject"), form.get("Message"), attributes(form), id, Map.copyOf(form)));
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody("<PublishResponse xmlns=\"" + XMLNS + "\">\n  <PublishResult>\n    <MessageId>" + id
                        + "</MessageId>\n  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>" + UUID.randomUUID()
                        + "</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n").build();
    }

    /** Publish's documented rules, each broken one as a sentence. */
    public static List<String> check(Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        if (!"Publish".equals(form.get("Action"))) {
            problems.add("Action is '" + form.get("Action") + "', the fake plays only Publish");
        }
        if (!"2010-03-31".equals(form.get("Version"))) {
            problems.add("Version is '" + form.get("Version") + "', not 2010-03-31");
        }
        form.keySet().stream().filter(k -> !PARAMETERS.contains(k) && !ENTRY.matcher(k).matches())
                .forEach(k -> problems.add("unknown parameter " + k));
        String arn = form.get("TopicArn");
        if (arn == null || !TOPIC_ARN.matcher(arn).matches()) {
            problems.add("TopicArn '" + arn + "' is missing or not a topic ARN");
        }
        String message = form.get("Message");
        if (message == null || message.isEmpty()) {
            problems.add("Message is required and may not be empty");
        }
        String subject = form.get("Subject");
        if (subject != null && (subject.isEmpty() || subject.length() > SUBJECT_MAX
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            problems.add("Subject must be 1 to " + SUBJECT_MAX + " printable ASCII characters without line breaks: '"
                    + subject + "'");
        }
        int size = message == null ? 0 : message.getBytes(StandardCharsets.UTF_8).length;
        Map<String, List<String>> attributes = attributes(form);
        java.util.TreeSet<Integer> indexes = new java.util.TreeSet<>();
        form.keySet().forEach(k -> {
            var m = ENTRY.matcher(k);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        });
        if (!indexes.isEmpty() && (indexes.first() != 1 || indexes.last() != indexes.size())) {
            problems.add("MessageAttributes entries are not numbered 1..N: " + indexes);
        }
        if (attributes.size() > ATTRIBUTES_MAX) {
            problems.add(attributes.size() + " message attributes, at most " + ATTRIBUTES_MAX);
        }
        for (int i : indexes) {
            String name = form.get("MessageAttributes.entry." + i + ".Name");
            String type = form.get("MessageAttributes.entry." + i + ".Value.DataType");
            String value = form.get("MessageAttributes.entry." + i + ".Value.StringValue");
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches() || name.startsWith(".") || name.endsWith(".")
                    || name.contains("..") || name.regionMatches(true, 0, "AWS.", 0, 4)
                    || name.regionMatches(true, 0, "Amazon.", 0, 7)) {
                problems.add("attribute " + i + ": name '" + name + "' is not allowed");
            }
            if (type == null || !DATA_TYPE.matcher(type).matches()) {
                problems.add("attribute " + name + ": DataType '" + type + "' is not String, Number, Binary or String.Array");
            } else if (type.startsWith("String") && (value == null || value.isEmpty())) {
                problems.add("attribute " + name + ": a " + type + " needs a non-empty StringValue");
            } else if (type.startsWith("Number") && (value == null || !value.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"))) {
                problems.add("attribute " + name + ": '" + value + "' is not a Number");
            }
            size += bytes(name) + bytes(type) + bytes(value);
        }
        if (size > SIZE_MAX) {
            problems.add("message and attributes are " + size + " bytes, over SNS's " + SIZE_MAX);
        }
        if (arn != null && arn.endsWith(".fifo")) {
            if (form.get("MessageGroupId") == null) {
                problems.add("a FIFO topic needs MessageGroupId");
            }
        } else if (form.containsKey("MessageGroupId") || form.containsKey("MessageDeduplicationId")) {
            problems.add("MessageGroupId and MessageDeduplicationId are for FIFO topics only");
        }
        String dedup = form.get("MessageDeduplicationId");
        if (dedup != null && !dedup.matches("[\\x21-\\x7e]{1,128}")) {
            problems.add("MessageDeduplicationId '" + dedup + "' is not 1 to 128 printable characters");
        }
        return problems;
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static Map<String, List<String>> attributes(Map<String, String> form) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i + ".";
            attributes.put(form.get(prefix + "Name"), List.of(String.valueOf(form.get(prefix + "Value.DataType")),
                    String.valueOf(form.get(prefix + "Value.StringValue"))));
        }
        return attributes;
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                form.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private ResponseDefinition refuse(String violation) {
        journal.violation(violation);
        return error(400, "Sender", "InvalidParameter", violation);
    }

    private static ResponseDefinition error(int status, String type, String code, String message) {
        String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody("<ErrorResponse xmlns=\"" + XMLNS + "\">\n  <Error>\n    <Type>" + type + "</Type>\n    <Code>"
                        + code + "</Code>\n    <Message>" + escaped + "</Message>\n  </Error>\n  <RequestId>"
                        + UUID.randomUUID() + "</RequestId>\n</ErrorResponse>\n").build();
    }

    private final class Play implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                return answer(event.getRequest());
            } catch (RuntimeException e) {
                journal.violation("the fake failed: " + e);
                return error(500, "Receiver", "InternalError", "fake: " + e);
            }
        }

        @Override
        public String getName() {
            return "fake-sns";
        }
    }
}
