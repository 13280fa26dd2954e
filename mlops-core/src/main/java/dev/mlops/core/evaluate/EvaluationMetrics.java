package dev.mlops.core.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation measured.
 *
 * @param metrics by name ({@link MetricCatalog}); a metric that cannot be computed is absent and {@code notes} says why
 * @param confusionMatrix classification only, else null
 * @param rocCurves where the model returned probabilities: the positive class's curve (binary) or one per class
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationMetrics(TaskType task, long records, Map<String, Double> metrics,
        ConfusionMatrix confusionMatrix, List<RocCurve> rocCurves, List<String> notes) {

    public EvaluationMetrics {
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
        rocCurves = rocCurves == null ? List.of() : List.copyOf(rocCurves);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * Counts of records by actual class (rows) and predicted class (columns).
     *
     * @param classes in the order of both rows and columns
     */
    public record ConfusionMatrix(List<String> classes, List<List<Long>> counts) {

        public long count(int actual, int predicted) {
            return counts.get(actual).get(predicted);
        }
    }

    /**
     * @param points (false positive rate, true positive rate), from (0, 0) to (1, 1)
     * @param aucErrorBound how far {@code auc} can be from the exact value (see ScoreHistogram)
     */
    public record RocCurve(String positiveClass, double auc, double aucErrorBound, List<double[]> points) {}
}
