package io.jnas.latency;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * {@link OfaLatency}'s calibration: {@code log whole = a + c_nd + b · log sum}, least squares over the calibration
 * subnets (their pieces' sums and their whole networks' measured milliseconds).
 *
 * @param exits the term of each early exit that has {@link #EXIT_TERM_MIN} subnets or more, the shallowest such exit
 *     excepted (the others are measured against it; any other exit shares {@code a} alone)
 */
record OfaCalibration(double a, double b, Map<Integer, Double> exits) {
    /** Calibration subnets an exit needs for a term of its own (fewer: it shares the shallowest exit's). */
    static final int EXIT_TERM_MIN = 3;

    /** The fit to subnets ending at exits {@code nd} (0: no exits), with pieces summing to {@code sum} and measured {@code whole}. */
    static OfaCalibration fit(int[] nd, double[] sum, double[] whole) {
        Map<Integer, Integer> count = new TreeMap<>();
        for (int x : nd) {
            count.merge(x, 1, Integer::sum);
        }
        List<Integer> levels = count.entrySet().stream().filter(e -> e.getValue() >= EXIT_TERM_MIN).map(Map.Entry::getKey)
                .skip(1).toList();
        double[] y = new double[sum.length];
        double[][] x = new double[sum.length][1 + levels.size()];
        for (int i = 0; i < sum.length; i++) {
            y[i] = Math.log(whole[i]);
            x[i][0] = Math.log(sum[i]);
            for (int j = 0; j < levels.size(); j++) {
                x[i][1 + j] = nd[i] == levels.get(j) ? 1 : 0;
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        Map<Integer, Double> exits = new TreeMap<>();
        for (int j = 0; j < levels.size(); j++) {
            exits.put(levels.get(j), beta[2 + j]);
        }
        return new OfaCalibration(beta[0], beta[1], exits);
    }
}
