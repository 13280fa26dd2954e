package dev.mlops.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a fake service received, one JSON line per request ({@code method}, {@code path}, {@code headers},
 * {@code body}) in the test's output directory, without credentials: credential headers, the values a test
 * names as secret and a credential in the path (a Slack webhook's) never reach the file. It also keeps the
 * constraint violations the fake's checks found: a test asserts there are none. Every fake shares it (Slack,
 * GitLab, SageMaker, CloudWatch Logs).
 */
public final class RequestJournal {

    /** Never written down: they carry credentials (compared in lower case). */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-amz-security-token",
            "x-amz-credential", "x-amz-signature", "cookie", "private-token", "job-token");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> secrets;
    private final UnaryOperator<String> pathRedaction;
    private final List<ObjectNode> entries = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    public RequestJournal(Path file) {
        this(file, List.of(), path -> path);
    }

    /** @param pathRedaction hides a credential that is part of the path (a Slack webhook's) */
    public RequestJournal(Path file, UnaryOperator<String> pathRedaction) {
        this(file, List.of(), pathRedaction);
    }

    /** @param secrets values (tokens, keys) replaced by {@code <redacted>} wherever they appear */
    public RequestJournal(Path file, List<String> secrets) {
        this(file, secrets, path -> path);
    }

    private RequestJournal(Path file, List<String> secrets, UnaryOperator<String> pathRedaction) {
        this.file = file;
        this.secrets = List.copyOf(secrets);
        this.pathRedaction = pathRedaction;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, ""); // an empty journal: no request came
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one request as WireMock received it. */
    public void record(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.values());
        }
        record(request.getMethod().getName(), request.getUrl(), headers, request.getBodyAsString());
    }

    /** Appends one request; {@code headers} by name, each with its values. */
    public synchronized ObjectNode record(String method, String path, Map<String, List<String>> headers, String body) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("method", method);
        entry.put("path", scrub(pathRedaction.apply(path)));
        ObjectNode kept = entry.putObject("headers");
        headers.forEach((name, values) -> {
            if (!CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, scrub(String.join(", ", values)));
            }
        });
        entry.put("body", scrub(body == null ? "" : body));
        entries.add(entry);
        try {
            Files.writeString(file, JSON.writeValueAsString(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entry;
    }

    /** The requests recorded so far, oldest first (as written to the file). */
    public synchronized List<ObjectNode> entries() {
        return List.copyOf(entries);
    }

    /** A request broke the service's documented rules. */
    public synchronized void violation(String what) {
        violations.add(what);
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public Path file() {
        return file;
    }

    private String scrub(String text) {
        String scrubbed = text;
        for (String secret : secrets) {
            if (!secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, "<redacted>");
            }
        }
        return scrubbed;
    }
}
