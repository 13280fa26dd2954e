package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Accuracy, precision, recall and F1 per class and macro-averaged, the confusion matrix, and, where
 * the model returns a probability per class, ROC AUC and log loss. Memory grows with the number of
 * classes, never with the number of records.
 */
final class ClassificationAccumulator implements MetricsAccumulator {

    /** Beyond this many classes the per-class score histograms (1 MB each) are not kept: no ROC AUC. */
    static final int MAX_ROC_CLASSES = 20;
    private static final int CURVE_POINTS = 200;
    // log loss of a probability of 0 would be infinite; scikit-learn clips the same way
    private static final double EPSILON = 1e-15;

    private final Optional<String> positiveClass;
    private final Map<String, Map<String, long[]>> confusion = new TreeMap<>();
    private final Map<String, ScoreHistogram> histograms = new TreeMap<>();
    private final Set<String> scoredClasses = new TreeSet<>();
    private long records;
    private long unscored;
    private String notProbability;
    private double logLossSum;

    ClassificationAccumulator(Optional<String> positiveClass) {
        this.positiveClass = positiveClass.filter(c -> !c.isBlank());
    }

    @Override
    public void add(String actual, Predicted predicted, Supplier<String> where) {
        if (predicted.label() == null) {
            throw new ConfigurationException(Text.of(where.get() + ": the model answered " + predicted.describe()
                    + ", not a class label, but the evaluation is a classification. If the model is a regression,"
                    + " set ", Setting.EVALUATE_TASK.is(TaskType.REGRESSION.label()), "."));
        }
        Map<String, Double> scores = predicted.scores();
        if (!scores.isEmpty() && !scores.containsKey(actual)) {
            throw new ConfigurationException(where.get() + " has the label '" + actual + "', which the model has never"
                    + " seen: it knows only " + String.join(", ", new TreeSet<>(scores.keySet()))
                    + ". Fix the label in the test data, or retrain the model on data that has this class.");
        }
        records++;
        confusion.computeIfAbsent(actual, k -> new TreeMap<>()).computeIfAbsent(predicted.label(), k -> new long[1])[0]++;
        if (scores.isEmpty()) {
            unscored++;
            return;
        }
        scoredClasses.addAll(scores.keySet());
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            double p = score.getValue() == null ? Double.NaN : score.getValue();
            if (!(p >= 0 && p <= 1) && notProbability == null) {
                notProbability = where.get() + " scores '" + score.getKey() + "' with " + p;
            }
            if (scoredClasses.size() <= MAX_ROC_CLASSES) {
                histograms.computeIfAbsent(score.getKey(), k -> new ScoreHistogram()).add(p, score.getKey().equals(actual));
            }
        }
        logLossSum -= Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, scores.get(actual))));
    }

    @Override
    public EvaluationMetrics result() {
        List<String> notes = new ArrayList<>();
        Set<String> classSet = new TreeSet<>(confusion.keySet());
        confusion.values().forEach(row -> classSet.addAll(row.keySet()));
        List<String> classes = new ArrayList<>(classSet);
        Map<String, Double> metrics = new TreeMap<>();
        if (records == 0) {
            return new EvaluationMetrics(TaskType.CLASSIFICATION, 0, metrics, null, List.of(), List.of("no records"));
        }
        List<List<Long>> counts = new ArrayList<>();
        long correct = 0;
        for (String actual : classes) {
            List<Long> row = new ArrayList<>();
            for (String predicted : classes) {
                row.add(count(actual, predicted));
            }
            counts.add(row);
            correct += count(actual, actual);
        }
        metrics.put("accuracy", (double) correct / records);
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        for (int c = 0; c < classes.size(); c++) {
            long truePositives = counts.get(c).get(c);
            long actualCount = counts.get(c).stream().mapToLong(Long::longValue).sum();
            long predictedCount = 0;
            for (List<Long> row : counts) {
                predictedCount += row.get(c);
            }
            // scikit-learn's zero_division=0: a class never predicted has precision 0, never seen has recall 0
            double precision = predictedCount == 0 ? 0 : (double) truePositives / predictedCount;
            double recall = actualCount == 0 ? 0 : (double) truePositives / actualCount;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics.put("precision." + classes.get(c), precision);
            metrics.put("recall." + classes.get(c), recall);
            metrics.put("f1." + classes.get(c), f1);
            precisionSum += precision;
            recallSum += recall;
            f1Sum += f1;
        }
        metrics.put("precision_macro", precisionSum / classes.size());
        metrics.put("recall_macro", recallSum / classes.size());
        metrics.put("f1_macro", f1Sum / classes.size());
        List<EvaluationMetrics.RocCurve> curves = scoreMetrics(metrics, notes);
        return new EvaluationMetrics(TaskType.CLASSIFICATION, records, metrics,
                new EvaluationMetrics.ConfusionMatrix(classes, counts), curves, notes);
    }

    private List<EvaluationMetrics.RocCurve> scoreMetrics(Map<String, Double> metrics, List<String> notes) {
        positiveClass.ifPresent(p -> {
            if (!scoredClasses.isEmpty() && !scoredClasses.contains(p)) {
                throw new ConfigurationException(Text.of("The positive class '" + p + "' is not one the model scores ("
                        + String.join(", ", scoredClasses) + "). Fix ", Setting.EVALUATE_POSITIVE_CLASS, "."));
            }
        });
        if (unscored > 0) {
            notes.add("roc_auc and log_loss are not computed: the model returned no scores for " + unscored + " of "
                    + records + " records.");
            return List.of();
        }
        if (notProbability != null) {
            notes.add("roc_auc and log_loss are not computed: the scores are not probabilities (" + notProbability + ").");
            return List.of();
        }
        metrics.put("log_loss", logLossSum / records);
        if (scoredClasses.size() > MAX_ROC_CLASSES) {
            notes.add("roc_auc is not computed for more than " + MAX_ROC_CLASSES + " classes (" + scoredClasses.size() + ").");
            return List.of();
        }
        List<String> rocClasses = scoredClasses.size() == 2
                // binary: one curve, of the positive class (by default the last name: spam, 1, true, positive)
                ? List.of(positiveClass.orElse(((TreeSet<String>) scoredClasses).last()))
                : new ArrayList<>(scoredClasses);
        List<EvaluationMetrics.RocCurve> curves = new ArrayList<>();
        for (String c : rocClasses) {
            ScoreHistogram histogram = histograms.get(c);
            if (histogram.defined()) {
                curves.add(new EvaluationMetrics.RocCurve(c, histogram.auc(), histogram.aucErrorBound(),
                        histogram.curve(CURVE_POINTS)));
            }
        }
        if (curves.isEmpty()) {
            notes.add("roc_auc is not computed: the test set has records of only one class.");
            return List.of();
        }
        metrics.put("roc_auc", curves.stream().mapToDouble(EvaluationMetrics.RocCurve::auc).average().orElseThrow());
        double bound = curves.stream().mapToDouble(EvaluationMetrics.RocCurve::aucErrorBound).max().orElseThrow();
        if (bound > 1e-4) {
            notes.add(String.format(Locale.ROOT, "roc_auc is within %.5f of the exact value (scores counted in %d bins).",
                    bound, ScoreHistogram.BINS));
        }
        return curves;
    }

    private long count(String actual, String predicted) {
        long[] cell = confusion.getOrDefault(actual, Map.of()).get(predicted);
        return cell == null ? 0 : cell[0];
    }
}
