package io.jnas.estimate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks of scores within a pool of architectures, and their aggregation. Ranks run from 1 (worst) to n (best), ties
 * share their mean rank (scipy's {@code rankdata}, method "average"); a score that is NaN or −∞ ranks below every
 * finite one, and all such scores tie.
 */
public final class Ranks {
    private Ranks() {
    }

    /** How several rank columns become one score, larger better. */
    public enum Rule {
        /** AZ-NAS's non-linear aggregation (Lee and Ham, CVPR 2024): Σ_k log(rank_k / n); one weak rank pulls a cell down. */
        LOG,
        /** The mean of the ranks: every member counts linearly. */
        MEAN;

        /** The rule called {@code name} (log or mean). */
        public static Rule of(String name) {
            for (Rule r : values()) {
                if (r.name().equalsIgnoreCase(name)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown rank rule '" + name + "' (allowed: log, mean)");
        }
    }

    /** The ranks of {@code v} (1 = lowest). */
    public static double[] of(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> key(v[i])));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && key(v[idx[j + 1]]) == key(v[idx[i]])) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[idx[k]] = mean;
            }
            i = j + 1;
        }
        return rank;
    }

    private static double key(double x) {
        return Double.isNaN(x) ? Double.NEGATIVE_INFINITY : x;
    }

    /** The aggregate of the columns' ranks by {@code rule}, one value per architecture. */
    public static double[] aggregate(List<double[]> columns, Rule rule) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("nothing to aggregate");
        }
        int n = columns.get(0).length;
        double[] out = new double[n];
        for (double[] c : columns) {
            double[] r = of(c);
            for (int i = 0; i < n; i++) {
                out[i] += rule == Rule.LOG ? Math.log(r[i] / n) : r[i] / columns.size();
            }
        }
        return out;
    }
}
