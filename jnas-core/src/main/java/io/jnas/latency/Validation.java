package io.jnas.latency;

import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well a latency model predicts measurements of architectures it was not built from.
 *
 * @param n architectures
 * @param spearman Spearman ρ between predicted and measured
 * @param mape mean absolute percentage error, in %
 * @param maxApe largest absolute percentage error, in %
 */
public record Validation(int n, double spearman, double mape, double maxApe) {

    /** The figures of {@code predicted} against {@code measured}, one entry per architecture. */
    public static Validation of(double[] predicted, double[] measured) {
        if (predicted.length != measured.length || predicted.length < 3) {
            throw new IllegalArgumentException("a validation needs >= 3 pairs of predicted and measured latencies");
        }
        double sum = 0;
        double max = 0;
        for (int i = 0; i < predicted.length; i++) {
            double ape = 100 * Math.abs(predicted[i] - measured[i]) / measured[i];
            sum += ape;
            max = Math.max(max, ape);
        }
        return new Validation(predicted.length, round(new SpearmansCorrelation().correlation(predicted, measured)),
                round(sum / predicted.length), round(max));
    }

    private static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
