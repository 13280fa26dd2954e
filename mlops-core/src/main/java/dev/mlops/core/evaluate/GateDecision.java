package dev.mlops.core.evaluate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The gate's verdict with every check it made.
 *
 * @param productionVersion what the {@code production} alias pointed at, or null when nothing did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateDecision(boolean passed, String productionVersion, List<GateCheck> checks) {

    public GateDecision {
        checks = List.copyOf(checks);
    }

    @JsonIgnore
    public List<GateCheck> failures() {
        return checks.stream().filter(GateCheck::failed).toList();
    }

    public String verdict() {
        return passed ? "passed" : "failed";
    }
}
