package io.jnas.estimate.predict;

import java.util.SplittableRandom;

/**
 * A small multi-layer perceptron (one hidden layer of 64 ReLU units) trained by full-batch Adam
 * on standardised inputs and targets for 2,000 steps with a little weight decay.
 */
final class MlpPredictor implements Predictor {
    private static final int HIDDEN = 64;
    private final long seed;
    private double[] mu;
    private double[] sd;
    private double ym;
    private double ys;
    private double[][] w1;
    private double[] b1;
    private double[] w2;
    private double b2;

    MlpPredictor(long seed) {
        this.seed = seed;
    }

    @Override
    public void fit(double[][] x, double[] y) {
        int n = x.length;
        int d = x[0].length;
        standardise(x, y);
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = standard(x[i]);
        }
        SplittableRandom r = new SplittableRandom(seed);
        w1 = new double[HIDDEN][d];
        b1 = new double[HIDDEN];
        w2 = new double[HIDDEN];
        for (int h = 0; h < HIDDEN; h++) {
            for (int k = 0; k < d; k++) {
                w1[h][k] = (r.nextDouble() * 2 - 1) * Math.sqrt(6.0 / d);
            }
            w2[h] = (r.nextDouble() * 2 - 1) * Math.sqrt(6.0 / HIDDEN);
        }
        train(xs, y, d);
    }

    /** Means and standard deviations of the inputs' columns and of the targets. */
    private void standardise(double[][] x, double[] y) {
        int n = x.length;
        int d = x[0].length;
        mu = new double[d];
        sd = new double[d];
        for (double[] r : x) {
            for (int k = 0; k < d; k++) {
                mu[k] += r[k] / n;
            }
        }
        for (double[] r : x) {
            for (int k = 0; k < d; k++) {
                sd[k] += (r[k] - mu[k]) * (r[k] - mu[k]) / n;
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = sd[k] > 1e-12 ? Math.sqrt(sd[k]) : 1;
        }
        ym = 0;
        for (double v : y) {
            ym += v / n;
        }
        ys = 0;
        for (double v : y) {
            ys += (v - ym) * (v - ym) / n;
        }
        ys = ys > 1e-12 ? Math.sqrt(ys) : 1;
    }

    /** 2,000 full-batch Adam steps on the mean squared error of the standardised targets. */
    private void train(double[][] xs, double[] y, int d) {
        int n = xs.length;
        int params = HIDDEN * d + HIDDEN * 2 + 1;
        double[] m = new double[params];
        double[] v = new double[params];
        double lr = 3e-3;
        for (int step = 1; step <= 2000; step++) {
            double[] g = new double[params];
            for (int i = 0; i < n; i++) {
                double[] hid = new double[HIDDEN];
                double out = b2;
                for (int h = 0; h < HIDDEN; h++) {
                    double a = b1[h];
                    for (int k = 0; k < d; k++) {
                        a += w1[h][k] * xs[i][k];
                    }
                    hid[h] = Math.max(0, a);
                    out += w2[h] * hid[h];
                }
                double err = 2 * (out - (y[i] - ym) / ys) / n;
                for (int h = 0; h < HIDDEN; h++) {
                    g[HIDDEN * d + HIDDEN + h] += err * hid[h];
                    if (hid[h] > 0) {
                        double gh = err * w2[h];
                        g[HIDDEN * d + h] += gh;
                        for (int k = 0; k < d; k++) {
                            g[h * d + k] += gh * xs[i][k];
                        }
                    }
                }
                g[params - 1] += err;
            }
            int p = 0;
            for (int h = 0; h < HIDDEN; h++) {
                for (int k = 0; k < d; k++, p++) {
                    w1[h][k] -= adam(g, m, v, p, step, lr, w1[h][k]);
                }
            }
            for (int h = 0; h < HIDDEN; h++, p++) {
                b1[h] -= adam(g, m, v, p, step, lr, 0);
            }
            for (int h = 0; h < HIDDEN; h++, p++) {
                w2[h] -= adam(g, m, v, p, step, lr, w2[h]);
            }
            b2 -= adam(g, m, v, p, step, lr, 0);
        }
    }

    private static double adam(double[] g, double[] m, double[] v, int p, int t, double lr, double w) {
        double grad = g[p] + 1e-4 * w;
        m[p] = 0.9 * m[p] + 0.1 * grad;
        v[p] = 0.999 * v[p] + 0.001 * grad * grad;
        double mh = m[p] / (1 - Math.pow(0.9, t));
        double vh = v[p] / (1 - Math.pow(0.999, t));
        return lr * mh / (Math.sqrt(vh) + 1e-8);
    }

    private double[] standard(double[] r) {
        double[] s = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            s[k] = (r[k] - mu[k]) / sd[k];
        }
        return s;
    }

    @Override
    public double[] predict(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] s = standard(x[i]);
            double o = b2;
            for (int h = 0; h < HIDDEN; h++) {
                double a = b1[h];
                for (int k = 0; k < s.length; k++) {
                    a += w1[h][k] * s[k];
                }
                o += w2[h] * Math.max(0, a);
            }
            out[i] = o * ys + ym;
        }
        return out;
    }
}
