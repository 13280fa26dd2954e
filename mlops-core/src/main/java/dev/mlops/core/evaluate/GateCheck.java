package dev.mlops.core.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * One check of the gate and how it came out.
 *
 * @param reference production's value (primary, guard) or the threshold (floor, ceiling); null when there is none
 * @param explanation one line a person reads, with both values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateCheck(Kind kind, String metric, Double candidate, Double reference, Outcome outcome,
        String explanation) {

    public enum Kind {
        PRIMARY, GUARD, FLOOR, CEILING;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Outcome {
        PASSED, FAILED,
        /** Nothing to compare with: no production version, or the candidate is production. */
        NOT_APPLICABLE;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
