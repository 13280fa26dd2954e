package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassificationAccumulatorTest {

    private static final double EXACT = 1e-9;

    @Test
    void threeClassesWithoutScoresMatchTheHandComputedTable() {
        // actual -> predicted: a→a ×3, a→b, b→b ×2, b→c, c→c, c→a ×2
        ClassificationAccumulator metrics = new ClassificationAccumulator(Optional.empty());
        add(metrics, "a", "a", 3);
        add(metrics, "a", "b", 1);
        add(metrics, "b", "b", 2);
        add(metrics, "b", "c", 1);
        add(metrics, "c", "c", 1);
        add(metrics, "c", "a", 2);

        EvaluationMetrics result = metrics.result();
        Map<String, Double> m = result.metrics();
        assertEquals(10, result.records());
        assertEquals(0.6, m.get("accuracy"), EXACT);
        assertEquals(3.0 / 5, m.get("precision.a"), EXACT);
        assertEquals(2.0 / 3, m.get("precision.b"), EXACT);
        assertEquals(1.0 / 2, m.get("precision.c"), EXACT);
        assertEquals(3.0 / 4, m.get("recall.a"), EXACT);
        assertEquals(2.0 / 3, m.get("recall.b"), EXACT);
        assertEquals(1.0 / 3, m.get("recall.c"), EXACT);
        assertEquals(2 * 0.6 * 0.75 / 1.35, m.get("f1.a"), EXACT);
        assertEquals(0.4, m.get("f1.c"), EXACT);
        assertEquals((0.6 + 2.0 / 3 + 0.5) / 3, m.get("precision_macro"), EXACT);
        assertEquals((0.75 + 2.0 / 3 + 1.0 / 3) / 3, m.get("recall_macro"), EXACT);
        assertEquals((2 * 0.6 * 0.75 / 1.35 + 2.0 / 3 + 0.4) / 3, m.get("f1_macro"), EXACT);
        assertEquals(List.of("a", "b", "c"), result.confusionMatrix().classes());
        assertEquals(List.of(List.of(3L, 1L, 0L), List.of(0L, 2L, 1L), List.of(2L, 0L, 1L)), result.confusionMatrix().counts());
        assertFalse(m.containsKey("roc_auc"), "no scores, no AUC");
        assertFalse(m.containsKey("log_loss"));
        assertTrue(result.notes().get(0).contains("no scores for 10 of 10 records"), result.notes().toString());
    }

    @Test
    void binaryScoresGiveHandComputedAucAndLogLoss() {
        ClassificationAccumulator metrics = new ClassificationAccumulator(Optional.empty());
        // spam records score 0.9, 0.8, 0.4; ham records score spam 0.7, 0.3, 0.4 (one tie with a spam record)
        scored(metrics, "spam", 0.9);
        scored(metrics, "spam", 0.8);
        scored(metrics, "spam", 0.4);
        scored(metrics, "ham", 0.7);
        scored(metrics, "ham", 0.3);
        scored(metrics, "ham", 0.4);

        EvaluationMetrics result = metrics.result();
        // pairs won: 0.9 → 3, 0.8 → 3, 0.4 → 1 win + 1 tie: 7.5 of 9
        assertEquals(7.5 / 9, result.metrics().get("roc_auc"), EXACT);
        double logLoss = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.3) + Math.log(0.7) + Math.log(0.6)) / 6;
        assertEquals(logLoss, result.metrics().get("log_loss"), EXACT);
        assertEquals("spam", result.rocCurves().get(0).positiveClass(), "binary: the last class by name");
        // only the tied pair (0.4, 0.4) shares a bin; the bound cannot tell an exact tie from a near one
        assertEquals(0.5 / 9, result.rocCurves().get(0).aucErrorBound(), EXACT);
        assertEquals(4.0 / 6, result.metrics().get("accuracy"), EXACT);
    }

    @Test
    void aLabelTheModelHasNeverSeenIsAnErrorNamingItAndTheRecord() {
        ClassificationAccumulator metrics = new ClassificationAccumulator(Optional.empty());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> metrics.add("phishing",
                Predicted.label("spam", Map.of("ham", 0.1, "spam", 0.9)), () -> "emails.jsonl line 7"));
        assertTrue(e.getMessage().contains("emails.jsonl line 7 has the label 'phishing'"), e.getMessage());
        assertTrue(e.getMessage().contains("it knows only ham, spam"), e.getMessage());
    }

    @Test
    void aNumberAnsweredToAClassificationIsAnErrorNamingTheTask() {
        ClassificationAccumulator metrics = new ClassificationAccumulator(Optional.empty());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> metrics.add("spam", Predicted.number(3.5), () -> "t.jsonl line 1"));
        assertTrue(e.getMessage().contains("the number 3.5") && e.text().values().contains(Setting.EVALUATE_TASK.is("regression")),
                e.getMessage());
    }

    @Test
    void aPositiveClassTheModelDoesNotScoreIsAnError() {
        ClassificationAccumulator metrics = new ClassificationAccumulator(Optional.of("fraud"));
        scored(metrics, "spam", 0.9);
        ConfigurationException e = assertThrows(ConfigurationException.class, metrics::result);
        assertTrue(e.getMessage().contains("'fraud'"), e.getMessage());
    }

    private static void add(ClassificationAccumulator metrics, String actual, String predicted, int times) {
        for (int i = 0; i < times; i++) {
            metrics.add(actual, Predicted.label(predicted, Map.of()), () -> "test");
        }
    }

    private static void scored(ClassificationAccumulator metrics, String actual, double spam) {
        metrics.add(actual, Predicted.label(spam >= 0.5 ? "spam" : "ham", Map.of("spam", spam, "ham", 1 - spam)), () -> "test");
    }
}
