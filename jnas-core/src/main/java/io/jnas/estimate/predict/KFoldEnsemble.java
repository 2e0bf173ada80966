package io.jnas.estimate.predict;

import io.jnas.run.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * NAT's k-fold ensemble: k predictors, each fitted on all rows but one fold (folds from a seeded
 * permutation); the prediction is their mean. With fewer rows than 2k it falls back to one
 * predictor on all rows.
 */
public final class KFoldEnsemble implements Predictor {
    private final String kind;
    private final int folds;
    private final long seed;
    private final List<Predictor> members = new ArrayList<>();

    public KFoldEnsemble(String kind, int folds, long seed) {
        Predictor.of(kind, seed); // validates the kind
        if (folds < 1) {
            throw new IllegalArgumentException("folds must be >= 1, got " + folds);
        }
        this.kind = kind;
        this.folds = folds;
        this.seed = seed;
    }

    private double mean;
    private double scale = 1;

    /**
     * Fits on targets standardised to mean 0 and standard deviation 1 (predictions are mapped back), so that every
     * predictor sees the same scale whatever the spread of the errors: a Huber loss's slope of 1 then means one
     * standard deviation, not one point of error (on NAS-Bench-201, errors span 6 to 90 %).
     */
    @Override
    public void fit(double[][] x, double[] raw) {
        members.clear();
        int n = x.length;
        mean = java.util.Arrays.stream(raw).average().orElse(0);
        double var = java.util.Arrays.stream(raw).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, n - 1);
        scale = var > 0 ? Math.sqrt(var) : 1;
        double[] y = java.util.Arrays.stream(raw).map(v -> (v - mean) / scale).toArray();
        if (folds == 1 || n < 2 * folds) {
            Predictor p = Predictor.of(kind, seed);
            p.fit(x, y);
            members.add(p);
            return;
        }
        int[] order = io.jnas.data.Splits.permutation(n, Seeds.stream(seed, n));
        for (int f = 0; f < folds; f++) {
            List<double[]> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % folds != f) {
                    fx.add(x[order[i]]);
                    fy.add(y[order[i]]);
                }
            }
            Predictor p = Predictor.of(kind, Seeds.mix(seed, f));
            p.fit(fx.toArray(new double[0][]), fy.stream().mapToDouble(Double::doubleValue).toArray());
            members.add(p);
        }
    }

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        for (Predictor p : members) {
            double[] v = p.predict(x);
            for (int i = 0; i < out.length; i++) {
                out[i] += v[i] / members.size();
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = mean + scale * out[i];
        }
        return out;
    }
}
