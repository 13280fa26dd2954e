package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.io.NearestName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metrics each task type computes, and which way is better for each. */
public final class MetricCatalog {

    public static final List<String> CLASSIFICATION = List.of("accuracy", "precision_macro", "recall_macro",
            "f1_macro", "roc_auc", "log_loss");
    /** Per class: {@code precision.<class>}, {@code recall.<class>}, {@code f1.<class>}. */
    public static final List<String> PER_CLASS = List.of("precision", "recall", "f1");
    public static final List<String> REGRESSION = List.of("mse", "rmse", "mae", "r2");

    private static final Map<String, MetricDirection> DIRECTIONS = Map.of(
            "log_loss", MetricDirection.LOWER, "mse", MetricDirection.LOWER, "rmse", MetricDirection.LOWER,
            "mae", MetricDirection.LOWER);

    private MetricCatalog() {}

    /** The metric a gate ranks by when none is configured. */
    public static String defaultPrimary(TaskType task) {
        return task == TaskType.CLASSIFICATION ? "f1_macro" : "rmse";
    }

    public static MetricDirection direction(String metric) {
        return DIRECTIONS.getOrDefault(metric, MetricDirection.HIGHER);
    }

    /** Whether {@code task} can compute {@code metric} at all (a per-class metric names any class). */
    public static boolean exists(TaskType task, String metric) {
        if (task == TaskType.REGRESSION) {
            return REGRESSION.contains(metric);
        }
        return CLASSIFICATION.contains(metric) || perClass(metric).isPresent();
    }

    /**
     * @param where the setting that names it, for the message
     * @throws ConfigurationException naming the metric and the ones {@code task} has
     */
    public static String requireExists(TaskType task, String metric, Setting where) {
        if (metric == null || !exists(task, metric)) {
            throw new ConfigurationException(Text.of("The gate names the metric '" + metric + "' in ", where,
                    ", which a " + task.label() + " evaluation does not compute. Known metrics: " + known(task)
                    + "." + NearestName.hint(metric, task == TaskType.REGRESSION ? REGRESSION : CLASSIFICATION)
                    + " Fix the gate configuration or set ", Setting.EVALUATE_TASK, "."));
        }
        return metric;
    }

    public static String known(TaskType task) {
        return task == TaskType.REGRESSION ? String.join(", ", REGRESSION)
                : String.join(", ", CLASSIFICATION) + ", and per class precision.C, recall.C and f1.C (C a class label, e.g. recall.spam)";
    }

    /** The kind and class of a per-class metric name such as {@code recall.spam}. */
    static Optional<String[]> perClass(String metric) {
        int dot = metric.indexOf('.');
        if (dot <= 0 || dot == metric.length() - 1 || !PER_CLASS.contains(metric.substring(0, dot))) {
            return Optional.empty();
        }
        return Optional.of(new String[] {metric.substring(0, dot), metric.substring(dot + 1)});
    }
}
