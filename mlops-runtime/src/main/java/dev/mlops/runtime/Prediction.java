package dev.mlops.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One prediction: a class label (classification) or a number (regression), with a score per class
 * where the model has them.
 */
public record Prediction(Object value, Map<String, Double> scores) {

    public Prediction {
        if (!(value instanceof String) && !(value instanceof Double)) {
            throw new IllegalArgumentException("a prediction is a String label or a Double, not " + value);
        }
        scores = java.util.Collections.unmodifiableMap(new TreeMap<>(scores));
    }

    public static Prediction label(String label, Map<String, Double> scores) {
        return new Prediction(label, scores);
    }

    public static Prediction label(String label) {
        return new Prediction(label, Map.of());
    }

    public static Prediction number(double value) {
        return new Prediction(value, Map.of());
    }

    public Optional<String> label() {
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
