package dev.mlops.core.evaluate;

import java.util.function.Supplier;

/** Takes one (truth, prediction) pair at a time and keeps only what its metrics need: memory does not grow with the records. */
public interface MetricsAccumulator {

    /**
     * @param actual the record's label or target, as text
     * @param where names the record (file and line) for error messages; called only on an error
     * @throws dev.mlops.core.ConfigurationException when the pair does not fit the task, naming the record and value
     */
    void add(String actual, Predicted predicted, Supplier<String> where);

    EvaluationMetrics result();

    static MetricsAccumulator forTask(TaskType task, java.util.Optional<String> positiveClass) {
        return task == TaskType.CLASSIFICATION ? new ClassificationAccumulator(positiveClass) : new RegressionAccumulator();
    }
}
