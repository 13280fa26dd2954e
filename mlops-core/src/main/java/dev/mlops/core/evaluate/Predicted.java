package dev.mlops.core.evaluate;

import java.util.Map;
import java.util.Optional;

/**
 * One answer of the model's {@code /invocations}: a class label with a score per class, or a number.
 *
 * @param label the predicted class, or null for a number
 * @param value the predicted number, or null for a label
 */
public record Predicted(String label, Double value, Map<String, Double> scores) {

    public Predicted {
        scores = scores == null ? Map.of() : Map.copyOf(scores);
    }

    public static Predicted label(String label, Map<String, Double> scores) {
        return new Predicted(label, null, scores);
    }

    public static Predicted number(double value) {
        return new Predicted(null, value, Map.of());
    }

    public Optional<String> labelIfAny() {
        return Optional.ofNullable(label);
    }

    /** How the answer reads in a message. */
    public String describe() {
        return label != null ? "the label '" + label + "'" : "the number " + value;
    }
}
