package dev.mlops.core.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Where a stored version stands in its life. */
public enum VersionStatus {
    /** Trained and stored, not yet evaluated. */
    CANDIDATE("candidate"),
    /** Evaluated, and the quality gate passed. */
    APPROVED_BY_GATE("approved-by-gate"),
    /** Evaluated, and the quality gate failed. */
    REJECTED("rejected");

    private final String label;

    VersionStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static VersionStatus fromLabel(String label) {
        return Arrays.stream(values()).filter(s -> s.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown version status '" + label + "'"));
    }
}
