package io.jnas.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How well each estimator ranks a sample of architectures against their true accuracy: Kendall τ-b, Spearman ρ,
 * and the mean and best true accuracy of its top 10. An estimator may fail on a few architectures (NaN; e.g.
 * synflow overflowing on deep convolution stacks): it is ranked on the others and {@code n} says how many.
 */
public final class RankStudy {
    private RankStudy() {
    }

    /**
     * One estimator's agreement with the truth.
     *
     * @param estimator the score column
     * @param kendall Kendall τ-b
     * @param spearman Spearman ρ
     * @param n architectures ranked (scores that are not NaN)
     * @param top10Mean mean true accuracy of the 10 best-scored
     * @param top10Best best true accuracy among them
     */
    public record Stat(String estimator, double kendall, double spearman, int n, double top10Mean, double top10Best) {
    }

    /** A stat per column of {@code scores} with at least 3 values that are not NaN, in the columns' order. */
    public static List<Stat> of(Map<String, double[]> scores, double[] truth) {
        List<Stat> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            double[] all = e.getValue();
            int[] ok = IntStream.range(0, all.length).filter(i -> !Double.isNaN(all[i])).toArray();
            if (ok.length < 3) {
                continue;
            }
            double[] sc = IntStream.of(ok).mapToDouble(i -> all[i]).toArray();
            double[] tr = IntStream.of(ok).mapToDouble(i -> truth[i]).toArray();
            double[] top = Correlation.topK(sc, tr, 10);
            out.add(new Stat(e.getKey(), Correlation.kendall(sc, tr), Correlation.spearman(sc, tr), ok.length, top[0], top[1]));
        }
        return out;
    }
}
