package io.jnas.doctor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.jnas.kernel.Check;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.train.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * jnas's optimizers ({@link Optimizer}) against the same update rules computed in Java doubles: three steps of SGD
 * (momentum, Nesterov, L2 weight decay), Adam and AdamW on two tensors, after clipping the gradients' global norm.
 */
final class OptimizerChecks {
    private static final double TOLERANCE = 1e-5;
    private static final int STEPS = 3;
    private static final double LR = 0.05;
    private static final double WD = 5e-4;
    private static final double MAX_NORM = 4.0;

    private OptimizerChecks() {
    }

    static List<Check.Result> all() {
        return List.of(check("sgd", "optimizer: SGD, momentum 0.9, Nesterov, weight decay, clipped"),
                check("adam", "optimizer: Adam, weight decay, clipped"),
                check("adamw", "optimizer: AdamW, decoupled weight decay, clipped"));
    }

    private static Check.Result check(String kind, String name) {
        double[][] ref = reference(kind);
        double[][] a = run(kind);
        double[][] again = run(kind);
        double err = 0;
        for (int i = 0; i < ref.length; i++) {
            double diff = 0;
            double scale = 0;
            for (int j = 0; j < ref[i].length; j++) {
                diff = Double.isFinite(a[i][j]) ? Math.max(diff, Math.abs(a[i][j] - ref[i][j])) : Double.POSITIVE_INFINITY;
                scale = Math.max(scale, Math.abs(ref[i][j]));
            }
            err = Math.max(err, diff / scale);
        }
        boolean same = Arrays.deepEquals(a, again);
        return new Check.Result(name, JniUtils.getNumThreads(), err, "updated weights", same, err <= TOLERANCE && same);
    }

    /** The weights and gradients of each step, from one seeded stream: w[t][i], g[step][t][i]. */
    private static double[][][] data() {
        SplittableRandom r = new SplittableRandom(5);
        int[] sizes = {24, 40};
        double[][][] out = new double[STEPS + 1][sizes.length][];
        for (int s = 0; s <= STEPS; s++) {
            for (int t = 0; t < sizes.length; t++) {
                out[s][t] = new double[sizes[t]];
                for (int i = 0; i < sizes[t]; i++) {
                    out[s][t][i] = (float) (r.nextDouble() * 4 - 2); // float values, so both sides start equal
                }
            }
        }
        return out;
    }

    private static double[][] run(String kind) {
        double[][][] d = data();
        try (NDManager m = NDManager.newBaseManager()) {
            List<Param> params = new ArrayList<>();
            for (int t = 0; t < d[0].length; t++) {
                NDArray w = m.create(toFloat(d[0][t]), new Shape(d[0][t].length));
                w.setRequiresGradient(true);
                params.add(new Param("w" + t, w, Param.Kind.WEIGHT));
            }
            try (Optimizer opt = new Optimizer(kind, params, 0.9, kind.equals("sgd"), 0.999, 1e-8, WD, m)) {
                for (int s = 1; s <= STEPS; s++) {
                    try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = null;
                        for (int t = 0; t < params.size(); t++) {
                            NDArray term = params.get(t).array().mul(step.create(toFloat(d[s][t]))).sum();
                            loss = loss == null ? term : loss.add(term);
                        }
                        gc.backward(loss);
                        try (NoGrad ng = new NoGrad()) { // as in every training loop (Optimizer.stepIfFinite)
                            opt.clipGradients(step, MAX_NORM);
                            opt.step(step, LR);
                        }
                    }
                }
            }
            double[][] out = new double[params.size()][];
            for (int t = 0; t < params.size(); t++) {
                out[t] = params.get(t).array().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
            }
            return out;
        }
    }

    /** The same steps in doubles. */
    private static double[][] reference(String kind) {
        double[][][] d = data();
        double[][] w = {d[0][0].clone(), d[0][1].clone()};
        double[][] buf1 = {new double[w[0].length], new double[w[1].length]};
        double[][] buf2 = {new double[w[0].length], new double[w[1].length]};
        for (int s = 1; s <= STEPS; s++) {
            double norm = 0;
            for (double[] g : d[s]) {
                for (double x : g) {
                    norm += x * x;
                }
            }
            double clip = Math.sqrt(norm) > MAX_NORM ? MAX_NORM / Math.sqrt(norm) : 1;
            for (int t = 0; t < w.length; t++) {
                for (int i = 0; i < w[t].length; i++) {
                    double g = d[s][t][i] * clip;
                    w[t][i] -= update(kind, s, g, w[t][i], buf1[t], buf2[t], i);
                }
            }
        }
        return w;
    }

    private static double update(String kind, int step, double g0, double w, double[] m, double[] v, int i) {
        double g = kind.equals("adamw") ? g0 : g0 + WD * w;
        if (kind.equals("sgd")) {
            m[i] = 0.9 * m[i] + g;
            return LR * (g + 0.9 * m[i]);
        }
        m[i] = 0.9 * m[i] + 0.1 * g;
        v[i] = 0.999 * v[i] + 0.001 * g * g;
        double u = m[i] / (1 - Math.pow(0.9, step)) / (Math.sqrt(v[i] / (1 - Math.pow(0.999, step))) + 1e-8) * LR;
        return kind.equals("adamw") ? u + LR * WD * w : u;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
