package io.jnas.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The float32 arithmetic rate this machine reaches through libtorch, measured rather than assumed: the median of
 * {@code repeats} products of two {@code n}×{@code n} matrices (2n³ operations each) after one untimed product, at the
 * threads libtorch runs with. A large square product is the best-shaped work a CPU gets (its kernels run near the
 * vector units' limit), so the rate achieved by a network step divided by this one says how far from the machine's
 * limit the step runs.
 *
 * @param n the matrices' side
 * @param repeats timed products
 * @param gflops the median rate in GFLOP/s
 * @param bestGflops the fastest product's rate
 */
public record Peak(int n, int repeats, double gflops, double bestGflops) {

    /** Side of the matrices {@code jnas bench} measures with (64 MiB of operands, far beyond any cache). */
    public static final int DEFAULT_N = 2048;

    /** Measures on this machine; {@code n} ≥ 64, {@code repeats} ≥ 1. */
    public static Peak measure(int n, int repeats) {
        if (n < 64 || repeats < 1) {
            throw new IllegalArgumentException("peak needs n >= 64 and repeats >= 1, got n " + n + ", repeats " + repeats);
        }
        double[] secs = new double[repeats];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
            a.matMul(b).close();
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.getFloat(0, 0); // the product is computed eagerly; reading one value makes sure it is finished
                secs[i] = (System.nanoTime() - t0) / 1e9;
                c.close();
            }
        }
        Arrays.sort(secs);
        double ops = 2.0 * n * n * (double) n;
        double median = repeats % 2 == 1 ? secs[repeats / 2] : (secs[repeats / 2 - 1] + secs[repeats / 2]) / 2;
        return new Peak(n, repeats, ops / median / 1e9, ops / secs[0] / 1e9);
    }

    /** The fraction of this peak that {@code gflops} is. */
    public double fraction(double achieved) {
        return achieved / gflops;
    }

    /** The figures for a benchmark's JSON: peak_gflops (median), peak_best_gflops and how they were measured. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peak_gflops", Math.round(gflops * 10) / 10.0);
        m.put("peak_best_gflops", Math.round(bestGflops * 10) / 10.0);
        m.put("peak_measured_by", "float32 matmul " + n + "x" + n + ", median of " + repeats);
        return m;
    }

    /** Adds this peak to a benchmark's figures, and the fraction of it that their {@code gflops} is (when there). */
    public Map<String, Object> annotate(Map<String, Object> res) {
        res.putAll(toMap());
        if (res.get("gflops") instanceof Number g) {
            res.put("fraction_of_peak", Math.round(fraction(g.doubleValue()) * 1000) / 1000.0);
        }
        return res;
    }
}
