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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a fake service received, one JSON line per request (method, path, headers without credentials, body) in
 * the test's output directory, and the constraint violations its checks found: a test asserts there are none.
 */
public final class RequestJournal {

    /** Never written down: they carry credentials. */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("private-token", "job-token", "authorization", "cookie");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final UnaryOperator<String> redaction;
    private final List<String> violations = new ArrayList<>();

    public RequestJournal(Path file) {
        this(file, path -> path);
    }

    /** @param redaction hides a credential that is part of the path (a Slack webhook's) */
    public RequestJournal(Path file, UnaryOperator<String> redaction) {
        this.file = file;
        this.redaction = redaction;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void record(Request request) {
        ObjectNode line = JSON.createObjectNode().put("method", request.getMethod().getName()).put("path",
                redaction.apply(request.getUrl()));
        ObjectNode headers = line.putObject("headers");
        for (HttpHeader header : request.getHeaders().all()) {
            if (!CREDENTIAL_HEADERS.contains(header.key().toLowerCase(Locale.ROOT))) {
                headers.put(header.key(), String.join(", ", header.values()));
            }
        }
        line.put("body", request.getBodyAsString());
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
