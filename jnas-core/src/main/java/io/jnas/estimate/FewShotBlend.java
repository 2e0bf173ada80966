package io.jnas.estimate;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.estimate.predict.Predictor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the few-shot ranker mixes what it learned with what needs no label: with a few dozen labels a random forest can
 * rank worse than the best label-free column of the same study (the ensemble), with a few hundred better. The mix is
 * chosen on the labelled rows only: the forest's out-of-fold predictions (5 folds) and the label-free ensemble (when
 * the study has it; else the label-free column that ranks the labelled rows best, a choice a few labels make noisily)
 * are blended by rank, {@code w · rank(forest) + (1 − w) · rank(column)}, with the weight w
 * in {0, ¼, ½, ¾, 1} whose Kendall τ against the labels is highest (ties: the larger w).
 */
final class FewShotBlend {
    static final double[] WEIGHTS = {0, 0.25, 0.5, 0.75, 1};
    /** The column blended in when the study has it: the label-free ensemble, chosen without these labels. */
    static final String PRIOR = "ensemble";

    private FewShotBlend() {
    }

    /**
     * The chosen mix.
     *
     * @param column the label-free column blended in (null: the forest alone)
     * @param weight the forest's weight
     * @param cvTau the cross-validated τ of the mix on the labelled rows
     */
    record Choice(String column, double weight, double cvTau) {
    }

    /**
     * Chooses the mix from the labelled rows.
     *
     * @param x features of the labelled rows
     * @param y their labels
     * @param columns label-free columns' values on the labelled rows, larger better
     */
    static Choice choose(double[][] x, double[] y, Map<String, double[]> columns, long seed) {
        double[] oof = outOfFold(x, y, seed);
        String best = columns.containsKey(PRIOR) ? PRIOR : null;
        double bestTau = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[]> c : best != null ? Map.<String, double[]>of().entrySet() : columns.entrySet()) {
            double t = Correlation.kendall(c.getValue(), y);
            if (Double.isFinite(t) && t > bestTau) {
                best = c.getKey();
                bestTau = t;
            }
        }
        if (best == null) {
            return new Choice(null, 1, Correlation.kendall(oof, y));
        }
        Choice chosen = null;
        for (double w : WEIGHTS) {
            double t = Correlation.kendall(mix(oof, columns.get(best), w), y);
            if (chosen == null || t >= chosen.cvTau()) {
                chosen = new Choice(best, w, t);
            }
        }
        return chosen;
    }

    /** {@code w · rank(forest) + (1 − w) · rank(column)}, ranks scaled to 0..1 within the rows given. */
    static double[] mix(double[] forest, double[] column, double w) {
        double[] a = scaled(forest);
        double[] b = column == null ? a : scaled(column);
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = w * a[i] + (1 - w) * b[i];
        }
        return out;
    }

    private static double[] scaled(double[] v) {
        double[] r = Ranks.of(v);
        double n = Math.max(1, v.length - 1);
        return Arrays.stream(r).map(x -> (x - 1) / n).toArray();
    }

    /** The forest's prediction of each labelled row by a forest fitted on the other folds (5, or fewer rows). */
    private static double[] outOfFold(double[][] x, double[] y, long seed) {
        int k = Math.min(5, x.length);
        double[] oof = new double[x.length];
        for (int f = 0; f < k; f++) {
            final int fold = f;
            int[] train = java.util.stream.IntStream.range(0, x.length).filter(i -> i % k != fold).toArray();
            int[] test = java.util.stream.IntStream.range(0, x.length).filter(i -> i % k == fold).toArray();
            if (train.length < 2) {
                continue;
            }
            Predictor m = new KFoldEnsemble("rf", 1, seed + f);
            m.fit(Arrays.stream(train).mapToObj(i -> x[i]).toArray(double[][]::new),
                    Arrays.stream(train).mapToDouble(i -> y[i]).toArray());
            double[] p = m.predict(Arrays.stream(test).mapToObj(i -> x[i]).toArray(double[][]::new));
            for (int j = 0; j < test.length; j++) {
                oof[test[j]] = p[j];
            }
        }
        return oof;
    }

    /** The label-free columns of a study a mix may use: every score column but the ranker's own and the seconds. */
    static List<String> candidates(List<String> columns) {
        return columns.stream().filter(c -> !c.startsWith("seconds") && !c.startsWith("fewshot")).toList();
    }
}
