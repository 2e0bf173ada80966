package io.jnas.estimate.predict;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Radial basis interpolation with the cubic kernel φ(r) = r³ and a linear polynomial tail (the
 * surrogate of pySOT that NAT offers), solved as one augmented linear system with a small ridge.
 */
final class RbfPredictor implements Predictor {
    private double[][] centres;
    private double[] weights;
    private double[] tail;

    @Override
    public void fit(double[][] x, double[] y) {
        int n = x.length;
        int d = x[0].length;
        RealMatrix a = new Array2DRowRealMatrix(n + d + 1, n + d + 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.setEntry(i, j, Math.pow(dist(x[i], x[j]), 3) + (i == j ? 1e-6 : 0));
            }
            a.setEntry(i, n, 1);
            a.setEntry(n, i, 1);
            for (int k = 0; k < d; k++) {
                a.setEntry(i, n + 1 + k, x[i][k]);
                a.setEntry(n + 1 + k, i, x[i][k]);
            }
        }
        RealVector b = new ArrayRealVector(n + d + 1);
        for (int i = 0; i < n; i++) {
            b.setEntry(i, y[i]);
        }
        // pseudo-inverse: with fewer rows than encoding columns the linear tail is under-determined
        RealVector s = new SingularValueDecomposition(a).getSolver().solve(b);
        centres = x.clone();
        weights = new double[n];
        tail = new double[d + 1];
        for (int i = 0; i < n; i++) {
            weights[i] = s.getEntry(i);
        }
        for (int k = 0; k <= d; k++) {
            tail[k] = s.getEntry(n + k);
        }
    }

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            double v = tail[0];
            for (int k = 0; k < x[r].length; k++) {
                v += tail[k + 1] * x[r][k];
            }
            for (int i = 0; i < centres.length; i++) {
                v += weights[i] * Math.pow(dist(x[r], centres[i]), 3);
            }
            out[r] = v;
        }
        return out;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
