package io.jnas.estimate;

/**
 * The Box-Cox transform BoxCox(x; λ) = (x^λ − 1)/λ (log x at λ = 0), with λ fitted by maximum
 * likelihood (the transformed sample treated as normal) and σ the standard deviation of the
 * transformed sample (as MOTE-NAS calibrates its two terms).
 *
 * @param lambda λ
 * @param sigma σ of the transformed fitting sample
 */
public record BoxCox(double lambda, double sigma) {

    public static double transform(double x, double lambda) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("Box-Cox needs positive values, got " + x);
        }
        return Math.abs(lambda) < 1e-9 ? Math.log(x) : (Math.pow(x, lambda) - 1) / lambda;
    }

    public double apply(double x) {
        return transform(x, lambda);
    }

    /** Profile log-likelihood of λ: −n/2·ln(var of transformed) + (λ − 1)·Σ ln x. */
    static double logLikelihood(double[] x, double lambda) {
        int n = x.length;
        double sumLog = 0;
        double mean = 0;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            sumLog += Math.log(x[i]);
            t[i] = transform(x[i], lambda);
            mean += t[i];
        }
        mean /= n;
        double var = 0;
        for (double v : t) {
            var += (v - mean) * (v - mean);
        }
        var /= n;
        return -n / 2.0 * Math.log(Math.max(var, 1e-300)) + (lambda - 1) * sumLog;
    }

    /** Fits λ in [−3, 3] (grid, then golden-section refinement) and σ. */
    public static BoxCox fit(double[] x) {
        if (x.length < 3) {
            throw new IllegalArgumentException("fitting Box-Cox needs at least 3 values, got " + x.length);
        }
        double best = -3;
        double bestLl = Double.NEGATIVE_INFINITY;
        for (double l = -3; l <= 3.0001; l += 0.05) {
            double ll = logLikelihood(x, l);
            if (ll > bestLl) {
                bestLl = ll;
                best = l;
            }
        }
        double a = Math.max(-3, best - 0.05);
        double b = Math.min(3, best + 0.05);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 60; i++) {
            double c = b - g * (b - a);
            double d = a + g * (b - a);
            if (logLikelihood(x, c) > logLikelihood(x, d)) {
                b = d;
            } else {
                a = c;
            }
        }
        double lambda = (a + b) / 2;
        double mean = 0;
        for (double v : x) {
            mean += transform(v, lambda);
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            double t = transform(v, lambda) - mean;
            var += t * t;
        }
        return new BoxCox(lambda, Math.sqrt(var / (x.length - 1)));
    }
}
