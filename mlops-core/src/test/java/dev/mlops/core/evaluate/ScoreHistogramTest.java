package dev.mlops.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreHistogramTest {

    @Test
    void aucOfManyRandomScoresIsWithinItsBoundOfTheExactValue() {
        Random random = new Random(7);
        int n = 4000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        ScoreHistogram histogram = new ScoreHistogram();
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextBoolean();
            // overlapping classes, and some scores rounded to 3 decimals so that real ties occur
            double score = 1 / (1 + Math.exp(-(random.nextGaussian() + (positive[i] ? 1.0 : 0.0))));
            scores[i] = i % 3 == 0 ? Math.round(score * 1000) / 1000.0 : score;
            histogram.add(scores[i], positive[i]);
        }
        double exact = exactAuc(scores, positive);
        assertEquals(exact, histogram.auc(), histogram.aucErrorBound() + 1e-12);
        assertTrue(histogram.aucErrorBound() < 1e-3, "bound " + histogram.aucErrorBound());
        assertTrue(Math.abs(exact - histogram.auc()) < 1e-4, exact + " vs " + histogram.auc());
    }

    @Test
    void scoresOfExactlyZeroAndOneAreTiesNotError() {
        ScoreHistogram histogram = new ScoreHistogram();
        histogram.add(1.0, true);
        histogram.add(1.0, false);
        histogram.add(0.0, true);
        histogram.add(0.0, false);
        assertEquals(0.5, histogram.auc(), 1e-12);
        assertEquals(0.0, histogram.aucErrorBound(), 1e-12);
    }

    @Test
    void theCurveRunsFromTheOriginToTheCornerWithinItsPointBudget() {
        ScoreHistogram histogram = new ScoreHistogram();
        for (int i = 0; i < 1000; i++) {
            histogram.add(i / 1000.0, i % 2 == 0);
        }
        List<double[]> curve = histogram.curve(50);
        assertEquals(50, curve.size());
        assertEquals(0.0, curve.get(0)[0]);
        assertEquals(1.0, curve.get(49)[0], 1e-12);
        assertEquals(1.0, curve.get(49)[1], 1e-12);
    }

    private static double exactAuc(double[] scores, boolean[] positive) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
