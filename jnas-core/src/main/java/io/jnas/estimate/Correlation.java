package io.jnas.estimate;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/** Rank agreement of scores with ground truth (Kendall τ-b, Spearman ρ) and the truth of the top-k. */
public final class Correlation {
    private Correlation() {
    }

    public static double kendall(double[] score, double[] truth) {
        return new KendallsCorrelation().correlation(score, truth);
    }

    public static double spearman(double[] score, double[] truth) {
        return new SpearmansCorrelation().correlation(score, truth);
    }

    /** Mean and best true value of the k highest-scoring entries (ties broken by index). */
    public static double[] topK(double[] score, double[] truth, int k) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -score[i]).thenComparingInt(i -> i));
        int n = Math.min(k, idx.length);
        double sum = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            sum += truth[idx[i]];
            best = Math.max(best, truth[idx[i]]);
        }
        return new double[] {sum / n, best};
    }
}
