package dev.mlops.core.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * The scores one class got, split by whether the record really was of that class, counted in fixed
 * bins: ROC AUC and the ROC curve of any number of records in constant memory (1 MB).
 *
 * <p>Bins are equally wide in log-odds between -40 and 40 (probabilities 4e-18 to 1 - 4e-18), so a
 * confident classifier's scores near 0 and 1 still spread over many bins; the first and last bin
 * hold only scores of exactly 0 and 1 (or beyond the range). Pairs of a positive and a negative in
 * the same bin count one half, as exact ties do; {@link #aucErrorBound()} is the largest difference
 * this can make to the exact AUC, computed from the counts, and is reported beside it.
 */
final class ScoreHistogram {

    static final int BINS = 1 << 16;
    private static final double LOGIT_MIN = -40;
    private static final double LOGIT_MAX = 40;

    private final long[] positives = new long[BINS];
    private final long[] negatives = new long[BINS];
    private long positiveCount;
    private long negativeCount;

    void add(double probability, boolean positive) {
        int bin = bin(probability);
        if (positive) {
            positives[bin]++;
            positiveCount++;
        } else {
            negatives[bin]++;
            negativeCount++;
        }
    }

    /** Whether both kinds were seen: AUC needs at least one positive and one negative. */
    boolean defined() {
        return positiveCount > 0 && negativeCount > 0;
    }

    /** The probability that a random positive scores above a random negative (ties count one half). */
    double auc() {
        double above = 0;
        long negativesBelow = 0;
        for (int b = 0; b < BINS; b++) {
            above += positives[b] * (negativesBelow + 0.5 * negatives[b]);
            negativesBelow += negatives[b];
        }
        return above / ((double) positiveCount * negativeCount);
    }

    /**
     * How far {@link #auc()} can be from the exact AUC: half of the positive-negative pairs sharing a
     * bin, except the end bins, whose scores (exactly 0 or 1, or beyond 40 log-odds) tie as far as a double can tell.
     */
    double aucErrorBound() {
        double shared = 0;
        for (int b = 1; b < BINS - 1; b++) {
            shared += (double) positives[b] * negatives[b];
        }
        return 0.5 * shared / ((double) positiveCount * negativeCount);
    }

    /** (false positive rate, true positive rate) from the strictest threshold to the loosest, at most {@code maxPoints}. */
    List<double[]> curve(int maxPoints) {
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long truePositives = 0;
        long falsePositives = 0;
        for (int b = BINS - 1; b >= 0; b--) {
            if (positives[b] == 0 && negatives[b] == 0) {
                continue;
            }
            truePositives += positives[b];
            falsePositives += negatives[b];
            points.add(new double[] {(double) falsePositives / negativeCount, (double) truePositives / positiveCount});
        }
        if (points.size() <= maxPoints) {
            return points;
        }
        List<double[]> thinned = new ArrayList<>();
        double step = (points.size() - 1) / (double) (maxPoints - 1);
        for (int i = 0; i < maxPoints; i++) {
            thinned.add(points.get((int) Math.round(i * step)));
        }
        return thinned;
    }

    static int bin(double probability) {
        if (!(probability > 0)) {
            return 0;
        }
        if (probability >= 1) {
            return BINS - 1;
        }
        double logit = Math.log(probability) - Math.log1p(-probability);
        int bin = 1 + (int) Math.floor((logit - LOGIT_MIN) / (LOGIT_MAX - LOGIT_MIN) * (BINS - 2));
        return Math.max(0, Math.min(BINS - 1, bin));
    }
}
