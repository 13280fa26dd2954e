package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** MSE, RMSE, MAE and R² in one pass and constant memory (Welford's running mean and sum of squares for R²). */
final class RegressionAccumulator implements MetricsAccumulator {

    private long records;
    private double squaredErrors;
    private double absoluteErrors;
    private double mean;
    private double sumOfSquares;

    @Override
    public void add(String actual, Predicted predicted, Supplier<String> where) {
        double target = parseTarget(actual, where);
        if (predicted.value() == null || !Double.isFinite(predicted.value())) {
            throw new ConfigurationException(Text.of(where.get() + ": the model answered " + predicted.describe()
                    + ", not a finite number, but the evaluation is a regression. If the model is a classifier, set ",
                    Setting.EVALUATE_TASK.is(TaskType.CLASSIFICATION.label()), "."));
        }
        double error = predicted.value() - target;
        records++;
        squaredErrors += error * error;
        absoluteErrors += Math.abs(error);
        double delta = target - mean;
        mean += delta / records;
        sumOfSquares += delta * (target - mean);
    }

    @Override
    public EvaluationMetrics result() {
        Map<String, Double> metrics = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        if (records == 0) {
            return new EvaluationMetrics(TaskType.REGRESSION, 0, metrics, null, List.of(), List.of("no records"));
        }
        double mse = squaredErrors / records;
        metrics.put("mse", mse);
        metrics.put("rmse", Math.sqrt(mse));
        metrics.put("mae", absoluteErrors / records);
        if (sumOfSquares > 0) {
            metrics.put("r2", 1 - squaredErrors / sumOfSquares);
        } else {
            notes.add("r2 is not computed: every target in the test set has the same value.");
        }
        return new EvaluationMetrics(TaskType.REGRESSION, records, metrics, null, List.of(), notes);
    }

    private static double parseTarget(String actual, Supplier<String> where) {
        try {
            double target = Double.parseDouble(actual.trim());
            if (Double.isFinite(target)) {
                return target;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigurationException(Text.of(where.get() + " has the target '" + actual + "', which is not a"
                + " finite number; a regression needs numeric targets. Fix the test data, or set ",
                Setting.EVALUATE_TASK.is(TaskType.CLASSIFICATION.label()), " if the labels are classes."));
    }
}
