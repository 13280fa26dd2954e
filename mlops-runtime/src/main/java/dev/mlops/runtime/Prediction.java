package dev.mlops.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One prediction: a class label (classification) or a number (regression), with a score per class
 * where the model has them. One value per record: a model with several outputs answers them as one
 * label, or one number, per request record (see docs/runtime.md, "Several outputs").
 *
 * @param value a {@code String} label or a {@code Double}
 * @param scores class name to score (a probability, for {@code roc_auc} and {@code log_loss}); written in
 *     the alphabetical order of the class names; empty when the model has none
 */
public record Prediction(Object value, Map<String, Double> scores) {

    /**
     * Sorts and copies {@code scores}.
     *
     * @throws IllegalArgumentException when {@code value} is neither a {@code String} nor a {@code Double}
     */
    public Prediction {
        if (!(value instanceof String) && !(value instanceof Double)) {
            throw new IllegalArgumentException("a prediction is a String label or a Double, not " + value);
        }
        scores = java.util.Collections.unmodifiableMap(new TreeMap<>(scores));
    }

    /** A class label with the score of each class: {@code {"label":"spam","scores":{"ham":0.03,"spam":0.97}}}. */
    public static Prediction label(String label, Map<String, Double> scores) {
        return new Prediction(label, scores);
    }

    /** A class label alone: {@code {"label":"spam"}}. */
    public static Prediction label(String label) {
        return new Prediction(label, Map.of());
    }

    /**
     * A number, for regression: {@code {"value":7.93}}. It must be finite: NaN or an infinity cannot be
     * written as JSON, and the client then gets a 500 saying so.
     */
    public static Prediction number(double value) {
        return new Prediction(value, Map.of());
    }

    /** The label of a classification; empty for a number. */
    public Optional<String> label() {
        return value instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
