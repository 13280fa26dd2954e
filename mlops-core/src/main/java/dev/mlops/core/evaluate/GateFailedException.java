package dev.mlops.core.evaluate;

import dev.mlops.core.MlopsException;
import dev.mlops.core.Text;

/** The candidate did not pass the quality gate; the message names each failing metric with both values. */
public class GateFailedException extends MlopsException {

    private final GateDecision decision;

    public GateFailedException(String message, GateDecision decision) {
        this(Text.of(message), decision);
    }

    public GateFailedException(Text message, GateDecision decision) {
        super(message, null);
        this.decision = decision;
    }

    public GateDecision decision() {
        return decision;
    }
}
