package dev.mlops.core.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the pipeline went, in GitLab's words ({@code CI_JOB_STATUS}). */
public enum PipelineStatus {
    SUCCESS, FAILED, CANCELED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code success}, {@code failed} or {@code canceled} (any case); empty for anything else. */
    public static Optional<PipelineStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.label().equalsIgnoreCase(text == null ? "" : text.trim())).findFirst();
    }
}
