package dev.mlops.aws.sns;

import dev.mlops.core.notify.PipelineOutcome;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What SNS publishes for a run: a subject (an e-mail's subject line), a plain-text body fit for e-mail, and the
 * message attributes subscribers filter on. Each is made to pass Publish's rules, so that SNS never refuses it.
 *
 * @param attributes name to String value, in order
 */
public record SnsMessage(String subject, String body, Map<String, String> attributes) {

    /** Publish's Subject: ASCII, no line breaks or control characters, at most 100 characters. */
    static final int SUBJECT_MAX = 100;
    /** A message with its attributes is at most 256 KiB (UTF-8 bytes). */
    static final int SIZE_MAX = 256 * 1024;
    /** The attributes' DataType. */
    static final String STRING = "String";
    /** An attribute value SNS would refuse empty. */
    static final String NONE = "none";

    public SnsMessage {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static SnsMessage of(PipelineOutcome outcome) {
        String headline = outcome.model() + outcome.version().map(v -> " " + v).orElse("") + ": pipeline "
                + outcome.status().label() + outcome.failedStep().map(s -> " at " + s).orElse("");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("model", outcome.model());
        attributes.put("version", outcome.version().orElse(NONE));
        attributes.put("verdict", outcome.evaluation().map(e -> e.passed() ? "passed" : "failed").orElse("not-evaluated"));
        attributes.put("status", outcome.status().label());
        return new SnsMessage(subject("[mlops] " + headline), cut(body(headline, outcome), SIZE_MAX - size(attributes)),
                attributes);
    }

    /** SHA-256 of subject and body, hex: a FIFO topic's deduplication id (at most 128 characters). */
    public String digest() {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest((subject + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String body(String headline, PipelineOutcome outcome) {
        StringBuilder text = new StringBuilder(headline).append("\n\n");
        outcome.failedStep().ifPresent(step -> line(text, "Failed at", step
                + outcome.links().job().map(url -> " (the failed job: " + url + ")").orElse("")));
        line(text, "Model", outcome.model());
        line(text, "Version", outcome.version().orElse("none"));
        Optional<PipelineOutcome.Evaluation> evaluation = outcome.evaluation();
        line(text, "Verdict", evaluation.map(e -> e.verdict() + " (" + e.status() + ")").orElse("not evaluated"));
        evaluation.ifPresent(e -> line(text, e.primaryMetric() + " vs production", e.againstProduction()));
        line(text, "Deployment", outcome.deployment().map(d -> d.endpoint() + " serves " + d.version())
                .orElse("not deployed"));
        PipelineOutcome.Links links = outcome.links();
        if (links.pipeline().or(links::mergeRequest).or(links::report).or(links::endpoint).or(links::job).isPresent()) {
            text.append('\n');
        }
        links.job().ifPresent(url -> line(text, "Failed job", url));
        links.pipeline().ifPresent(url -> line(text, "Pipeline", url));
        links.mergeRequest().ifPresent(url -> line(text, "Merge request", url));
        links.report().ifPresent(url -> line(text, "Evaluation report", url));
        links.endpoint().ifPresent(url -> line(text, "Endpoint", url));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(label).append(": ").append(value).append('\n');
    }

    // control characters and non-ASCII become '?': SNS refuses a subject holding them
    static String subject(String text) {
        StringBuilder ascii = new StringBuilder();
        text.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return ascii.length() <= SUBJECT_MAX ? ascii.toString() : ascii.substring(0, SUBJECT_MAX - 3) + "...";
    }

    // what SNS counts against the limit besides the body: each attribute's name, type and value
    static int size(Map<String, String> attributes) {
        return attributes.entrySet().stream().mapToInt(a -> bytes(a.getKey()) + bytes(STRING) + bytes(a.getValue())).sum();
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    // cut on a code point, by UTF-8 bytes
    static String cut(String text, int maxBytes) {
        if (bytes(text) <= maxBytes) {
            return text;
        }
        String marker = "\n[cut to SNS's 256 KiB limit]\n";
        int budget = maxBytes - bytes(marker);
        int end = 0;
        int used = 0;
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            used += bytes(text.substring(end, next));
            if (used > budget) {
                break;
            }
            end = next;
        }
        return text.substring(0, end) + marker;
    }
}
