package dev.mlops.core.store;

import dev.mlops.core.domain.Manifest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The fields every stored manifest must have, checked when it is written and whenever it is read (by every store). */
public final class ManifestCheck {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ManifestCheck() {}

    /** What is missing or malformed, one phrase each; empty when the manifest is complete. */
    public static List<String> problems(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        missing(problems, "model", manifest.model());
        missing(problems, "version", manifest.version());
        missing(problems, "status", manifest.status());
        missing(problems, "createdAt", manifest.createdAt());
        if (manifest.createdAt() != null) {
            try {
                Instant.parse(manifest.createdAt());
            } catch (DateTimeParseException e) {
                problems.add("createdAt '" + manifest.createdAt() + "' is not a time such as 2026-11-25T10:00:00Z");
            }
        }
        if (manifest.artifact() == null) {
            problems.add("the field 'artifact' is missing");
        } else {
            missing(problems, "artifact.file", manifest.artifact().file());
            if (manifest.artifact().sha256() == null || !SHA256.matcher(manifest.artifact().sha256()).matches()) {
                problems.add("artifact.sha256 is " + (manifest.artifact().sha256() == null ? "missing"
                        : "'" + manifest.artifact().sha256() + "', not 64 lower-case hex digits"));
            }
        }
        for (int i = 0; i < manifest.audit().size(); i++) {
            Manifest.AuditEntry entry = manifest.audit().get(i);
            if (entry == null || entry.action() == null || entry.at() == null) {
                problems.add("audit entry " + (i + 1) + " has no 'at' or 'action'");
            }
        }
        return problems;
    }

    /**
     * What is wrong with a manifest read back from the store: {@link #problems(Manifest)}, and whether it names the
     * model and version it is stored as.
     */
    public static List<String> problemsOfStored(Manifest manifest, dev.mlops.core.domain.ModelName model, String storedAs) {
        List<String> problems = new ArrayList<>(problems(manifest));
        if (manifest.model() != null && !manifest.model().equals(model.value())) {
            problems.add("it names the model '" + manifest.model() + "' but is stored under '" + model + "'");
        }
        if (manifest.version() != null && !manifest.version().equals(storedAs)) {
            problems.add("it names the version " + manifest.version() + " but is stored as " + storedAs);
        }
        return problems;
    }

    private static void missing(List<String> problems, String field, Object value) {
        if (value == null) {
            problems.add("the field '" + field + "' is missing");
        }
    }
}
