package dev.mlops.aws.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every request a fake service received, as JSON lines in the test's output directory ({@code method}, {@code path},
 * {@code headers}, {@code body}), without credentials: the signature, the session token and any value the test
 * names as secret never reach the file. Fakes of SageMaker, CloudWatch Logs, SNS and STS share it.
 */
public final class RequestJournal {

    /** Headers that carry credentials (compared in lower case). */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-amz-security-token",
            "x-amz-credential", "x-amz-signature", "cookie", "private-token", "job-token");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> secrets;
    private final List<ObjectNode> entries = new ArrayList<>();

    /** @param secrets values (tokens, keys) to replace by {@code <redacted>} wherever they appear */
    public RequestJournal(Path file, List<String> secrets) {
        this.file = file;
        this.secrets = List.copyOf(secrets);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ""); // an empty journal: no request came
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends one request; {@code headers} by name, each with its values. */
    public synchronized ObjectNode record(String method, String path, Map<String, List<String>> headers, String body) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("method", method);
        entry.put("path", scrub(path));
        ObjectNode kept = entry.putObject("headers");
        headers.forEach((name, values) -> {
            if (!CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name, scrub(String.join(",", values)));
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
