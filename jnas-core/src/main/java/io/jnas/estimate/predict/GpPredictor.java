package io.jnas.estimate.predict;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Gaussian-process regression (posterior mean) with a squared-exponential kernel whose length
 * scale is the median pairwise distance of the training encodings, a constant mean (the target
 * mean) and a noise term of 1% of the target variance.
 */
final class GpPredictor implements Predictor {
    private double[][] xs;
    private double[] alpha;
    private double mean;
    private double length;

    @Override
    public void fit(double[][] x, double[] y) {
        int n = x.length;
        mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean) / n;
        }
        double[] d = new double[n * (n - 1) / 2];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[c++] = RbfPredictor.dist(x[i], x[j]);
            }
        }
        java.util.Arrays.sort(d);
        length = d.length == 0 || d[d.length / 2] == 0 ? 1 : d[d.length / 2];
        double signal = Math.max(var, 1e-9);
        RealMatrix k = new Array2DRowRealMatrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k.setEntry(i, j, signal * kernel(x[i], x[j]) + (i == j ? 0.01 * signal + 1e-9 : 0));
            }
        }
        RealVector b = new ArrayRealVector(n);
        for (int i = 0; i < n; i++) {
            b.setEntry(i, y[i] - mean);
        }
        RealVector a = new CholeskyDecomposition(k, 1e-10, 1e-14).getSolver().solve(b);
        alpha = a.toArray();
        for (int i = 0; i < n; i++) {
            alpha[i] *= signal;
        }
        xs = x.clone();
    }

    private double kernel(double[] a, double[] b) {
        double r = RbfPredictor.dist(a, b) / length;
        return Math.exp(-0.5 * r * r);
    }

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            double v = mean;
            for (int i = 0; i < xs.length; i++) {
                v += alpha[i] * kernel(x[r], xs[i]);
            }
            out[r] = v;
        }
        return out;
    }
}
