package io.jnas.latency;

import java.util.Arrays;

/**
 * Timed calls of one network: the median (the latency) and the spread, in milliseconds per call.
 *
 * @param medianMs median of the timed calls
 * @param p25Ms first quartile
 * @param p75Ms third quartile
 * @param minMs fastest call
 * @param repeats timed calls
 */
public record Measurement(double medianMs, double p25Ms, double p75Ms, double minMs, int repeats) {

    /** The figures of {@code nanos}, one entry per timed call. */
    public static Measurement of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timed calls");
        }
        long[] t = nanos.clone();
        Arrays.sort(t);
        return new Measurement(round(quantile(t, 0.5)), round(quantile(t, 0.25)), round(quantile(t, 0.75)), round(t[0] / 1e6),
                t.length);
    }

    private static double quantile(long[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return (sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo])) / 1e6;
    }

    private static double round(double ms) {
        return Math.round(ms * 10000.0) / 10000.0;
    }

    /** The interquartile range relative to the median: how noisy the measurement was. */
    public double spread() {
        return medianMs > 0 ? (p75Ms - p25Ms) / medianMs : 0;
    }
}
