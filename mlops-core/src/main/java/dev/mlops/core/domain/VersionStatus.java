package dev.mlops.core.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a stored version stands in its life. */
public enum VersionStatus {
    /** Trained and stored, not yet evaluated. */
    CANDIDATE("candidate");

    private final String label;

    VersionStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
