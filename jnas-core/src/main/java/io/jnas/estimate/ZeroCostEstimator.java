package io.jnas.estimate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Losses;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.run.Seeds;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * Zero-cost proxies on the full-size network at initialisation (synflow arXiv:2006.05467, NASWOT arXiv:2006.04647,
 * grad_norm and snip as in arXiv:2101.08134), larger is better: {@code synflow} (Σ|θ·∂R/∂θ| with R the output sum for
 * an all-ones input, weights made positive, BN at its initial statistics), {@code naswot} (log|det K| of the Hamming
 * kernel of ReLU codes over a batch), {@code grad_norm} (Σ‖∂L/∂θ‖) and {@code snip} (Σ|θ·∂L/∂θ|) on one labelled
 * batch, and {@code jacov} (NASWOT's first version, arXiv:2006.04647v1: with λ the eigenvalues of the correlation
 * matrix of the input Jacobians ∂(Σ outputs)/∂x over a batch, −Σ log(λ + k) + 1/(λ + k), k = 1e-5), and {@code zico}
 * (ZiCo, arXiv:2301.11300: over the conv and linear weights W, Σ_W log Σ_{θ∈W} mean|g_θ| / std(g_θ), the mean and
 * the population standard deviation of each weight's loss gradient taken over two labelled batches; elements whose
 * gradient does not vary are left out, and a weight whose sum is 0 adds nothing).
 *
 * @param <A> architecture type
 */
public final class ZeroCostEstimator<A> implements Estimator<A> {
    /** The proxies this class computes. */
    public static final List<String> KINDS = List.of("synflow", "naswot", "grad_norm", "snip", "jacov", "zico");
    private final String kind;
    private final BiFunction<Init, A, Network> builder;
    private final Function<A, String> text;
    private final ImageData data;
    private final Normalization norm;
    private final int batch;
    private final long seed;

    public ZeroCostEstimator(String kind, BiFunction<Init, A, Network> builder, Function<A, String> text, ImageData data,
            int batch, long seed) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown zero-cost proxy '" + kind + "' (allowed: " + KINDS + ")");
        }
        this.kind = kind;
        this.builder = builder;
        this.text = text;
        this.data = data;
        this.norm = Normalization.of(data);
        this.batch = Math.min(batch, data.size());
        this.seed = seed;
    }

    @Override
    public String name() {
        return kind;
    }

    @Override
    public Score estimate(A arch) {
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            Init init = new Init(m, Seeds.mix(seed, text.apply(arch).hashCode()));
            // synflow's output sum overflows float32 on deep cells: like its reference, it runs in float64
            Network net = builder.apply(kind.equals("synflow") ? init.float64() : init, arch);
            double v = switch (kind) {
                case "synflow" -> synflow(net, m);
                case "naswot" -> naswot(net, m);
                case "jacov" -> jacov(net, m);
                case "zico" -> zico(net, m);
                default -> gradient(net, m, kind.equals("snip"));
            };
            return Score.of(v, (System.nanoTime() - t0) / 1e9);
        }
    }

    private Batcher.Batch firstBatch(NDManager m) {
        return batch(m, 0);
    }

    /** Batch {@code k}: images spread evenly over the data, the k-th of each stride (k = 0 the first batch). */
    private Batcher.Batch batch(NDManager m, int k) {
        int[] idx = new int[batch];
        long stride = Math.max(1, data.size() / batch);
        for (int i = 0; i < batch; i++) {
            idx[i] = (int) (((long) i * data.size() / batch + k % stride) % data.size());
        }
        return new Batcher(data, norm, Augment.NONE).batch(m, idx, 0, batch, null);
    }

    private double synflow(Network net, NDManager m) {
        List<Param> ps = net.trainableParameters();
        try (NoGrad ng = new NoGrad()) {
            for (Param p : ps) {
                try (NDArray a = p.array().abs()) {
                    p.array().set(java.nio.DoubleBuffer.wrap(a.toDoubleArray()));
                }
            }
        }
        NDArray ones = m.ones(new Shape(1, net.inputChannels(), data.height(), data.width()), DataType.FLOAT64);
        // inference-mode BN with fresh statistics is the identity map, as synflow requires
        Ctx ctx = new Ctx(m, false, Seeds.stream(seed, 1), null);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(net.forward(ctx, ones).sum());
        }
        double s = 0;
        for (Param p : ps) {
            NDArray g = p.array().getGradient();
            s += p.array().mul(g).abs().sum().getDouble();
            g.close();
        }
        return s;
    }

    private double gradient(Network net, NDManager m, boolean snip) {
        Batcher.Batch b = firstBatch(m);
        Ctx ctx = new Ctx(m, true, Seeds.stream(seed, 2), null);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(Losses.crossEntropy(net.forward(ctx, b.x()), b.y(), 0));
        }
        double s = 0;
        for (Param p : net.trainableParameters()) {
            NDArray g = p.array().getGradient();
            s += snip ? p.array().mul(g).abs().sum().getFloat() : g.norm().getFloat();
            g.close();
        }
        return s;
    }

    private double jacov(Network net, NDManager m) {
        NDArray x = firstBatch(m).x();
        x.setRequiresGradient(true);
        Ctx ctx = new Ctx(m, true, Seeds.stream(seed, 4), null);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(net.forward(ctx, x).sum());
        }
        NDArray j = x.getGradient().reshape(batch, -1);
        int n = (int) j.getShape().get(1);
        float[] v = j.toFloatArray();
        double[][] rows = new double[batch][n];
        for (int i = 0; i < batch; i++) {
            for (int c = 0; c < n; c++) {
                rows[i][c] = v[i * n + c];
            }
        }
        // the correlation of the batch's Jacobians (rows as variables), as numpy's corrcoef
        double[][] corr = new org.apache.commons.math3.stat.correlation.PearsonsCorrelation()
                .computeCorrelationMatrix(new Array2DRowRealMatrix(rows, false).transpose()).getData();
        for (double[] r : corr) {
            for (double c : r) {
                if (Double.isNaN(c)) {
                    // a constant Jacobian (the output does not depend on the input, e.g. a cell of 'none' edges):
                    // no correlation is defined, and such a network ranks last
                    return -Double.MAX_VALUE;
                }
            }
        }
        double k = 1e-5;
        double s = 0;
        for (double l : new org.apache.commons.math3.linear.EigenDecomposition(new Array2DRowRealMatrix(corr, false))
                .getRealEigenvalues()) {
            double e = Math.max(l, 0) + k;
            s -= Math.log(e) + 1 / e;
        }
        return s;
    }

    private double naswot(Network net, NDManager m) {
        Batcher.Batch b = firstBatch(m);
        NDArray[] k = new NDArray[1];
        try (NoGrad ng = new NoGrad()) {
            Ctx ctx = new Ctx(m, true, Seeds.stream(seed, 3), null).withReluObserver(y -> {
                NDArray c = y.gt(0).toType(DataType.FLOAT32, false).reshape(batch, -1);
                NDArray nc = c.neg().add(1f);
                NDArray add = c.matMul(c.transpose()).add(nc.matMul(nc.transpose()));
                k[0] = k[0] == null ? add : k[0].add(add);
            });
            net.forward(ctx, b.x());
        }
        float[] kv = k[0].toFloatArray();
        double[][] mat = new double[batch][batch];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < batch; j++) {
                mat[i][j] = kv[i * batch + j];
            }
        }
        // identical activation codes make K singular (log det = −∞); a tiny diagonal jitter keeps it finite
        for (double jitter = 0; ; jitter = jitter == 0 ? 1e-6 * batch : jitter * 100) {
            double[][] a = new double[batch][];
            for (int i = 0; i < batch; i++) {
                a[i] = mat[i].clone();
                a[i][i] += jitter;
            }
            var u = new LUDecomposition(new Array2DRowRealMatrix(a, false), 1e-300).getU();
            if (u != null || jitter > 1e6) {
                double logdet = 0;
                for (int i = 0; u != null && i < batch; i++) {
                    logdet += Math.log(Math.abs(u.getEntry(i, i)));
                }
                return u == null ? Double.NEGATIVE_INFINITY : logdet;
            }
        }
    }

    private double zico(Network net, NDManager m) {
        List<Param> ws = net.trainableParameters().stream().filter(p -> p.kind() == Param.Kind.WEIGHT).toList();
        double[][][] g = new double[2][ws.size()][];
        for (int b = 0; b < 2; b++) {
            Batcher.Batch bt = batch(m, b);
            Ctx ctx = new Ctx(m, true, Seeds.stream(seed, 5 + b), null);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(Losses.crossEntropy(net.forward(ctx, bt.x()), bt.y(), 0));
            }
            for (int i = 0; i < ws.size(); i++) {
                try (NDArray grad = ws.get(i).array().getGradient()) {
                    g[b][i] = grad.toType(DataType.FLOAT64, false).toDoubleArray();
                    grad.subi(grad); // libtorch accumulates: the next batch's gradient starts from zero
                }
            }
        }
        double s = 0;
        for (int i = 0; i < ws.size(); i++) {
            double sum = 0;
            for (int e = 0; e < g[0][i].length; e++) {
                double a = g[0][i][e];
                double c = g[1][i][e];
                double std = Math.abs(a - c) / 2; // population standard deviation of two values
                if (std > 0) {
                    sum += (Math.abs(a) + Math.abs(c)) / 2 / std;
                }
            }
            if (sum > 0) {
                s += Math.log(sum);
            }
        }
        return s;
    }
}
