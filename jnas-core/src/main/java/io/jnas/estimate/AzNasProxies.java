package io.jnas.estimate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.nn.Scalar;
import io.jnas.run.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * AZ-NAS's four training-free proxies (Lee and Ham, CVPR 2024), from one forward pass of a Gaussian batch through the
 * network's {@link Network#chain() chain} (weights drawn kaiming-normal with fan-in, BN on batch statistics) and one
 * backward pass per block:
 * <ul>
 * <li>{@code az_expressivity}: Σ over the stem and block outputs of the entropy of the normalised eigenvalues of the
 * features' channel covariance (over batch and positions): how isotropic each feature space is;</li>
 * <li>{@code az_progressivity}: the smallest increase of that entropy from one block to the next;</li>
 * <li>{@code az_trainability}: over the blocks, the mean of 2 − σ − 1/σ with σ the largest singular value of the
 * Jacobian-like matrix E[g_in g_outᵀ] between a block's input and output gradients for a random ±1 output gradient
 * (the input is pixel-unshuffled when the block halves the resolution); an identity block scores −∞;</li>
 * <li>{@code az_complexity}: the network's FLOPs (NAS-Bench-201's convention on that space).</li>
 * </ul>
 * The value is expressivity; the AZ-NAS score is the rank aggregate of the four over a pool ({@code az_nas}).
 * Negative eigenvalues from rounding count as 0; features that do not vary at all score −∞.
 *
 * @param <A> architecture type
 */
public final class AzNasProxies<A> implements Estimator<A> {
    /** The terms of a score, in order. */
    public static final List<String> TERMS = List.of("az_expressivity", "az_progressivity", "az_trainability",
            "az_complexity");
    private final BiFunction<Init, A, Network> builder;
    private final Function<A, String> text;
    private final ToLongFunction<A> flops;
    private final Shape input;
    private final long seed;

    /**
     * @param builder the full network of an architecture
     * @param flops its FLOPs (the complexity term)
     * @param input the batch shape (N, C, H, W) of the Gaussian input
     */
    public AzNasProxies(BiFunction<Init, A, Network> builder, Function<A, String> text, ToLongFunction<A> flops,
            Shape input, long seed) {
        this.builder = builder;
        this.text = text;
        this.flops = flops;
        this.input = input;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "az_expressivity";
    }

    @Override
    public Score estimate(A arch) {
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            Init init = new Init(m, Seeds.mix(seed, text.apply(arch).hashCode()));
            Network net = builder.apply(init, arch);
            List<Module> chain = net.chain();
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("AZ-NAS needs a network made of a chain of blocks; this space's is not");
            }
            kaimingNormal(net, init);
            SplittableRandom r = Seeds.stream(seed, 9);
            NDArray x = m.create(gaussian(r, input.size()), input);
            Ctx ctx = new Ctx(m, true, Seeds.stream(seed, 10), null);
            List<NDArray> f = new ArrayList<>();
            try (NoGrad ng = new NoGrad()) {
                NDArray y = x;
                for (Module b : chain) {
                    y = b.forward(ctx, y);
                    f.add(y);
                }
            }
            double[] entropy = new double[f.size()];
            for (int i = 0; i < f.size(); i++) {
                entropy[i] = entropy(f.get(i));
            }
            double expressivity = 0;
            double progressivity = Double.POSITIVE_INFINITY;
            for (int i = 0; i < entropy.length; i++) {
                expressivity += entropy[i];
                if (i > 0) {
                    progressivity = Math.min(progressivity, entropy[i] - entropy[i - 1]);
                }
            }
            double trainability = trainability(chain, f, ctx, r);
            Map<String, Double> terms = Map.of("az_expressivity", finite(expressivity), "az_progressivity",
                    finite(progressivity), "az_trainability", finite(trainability), "az_complexity",
                    (double) flops.applyAsLong(arch));
            return new Score(terms.get("az_expressivity"), terms, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Conv and linear weights drawn N(0, 2/fan_in), as AZ-NAS initialises before scoring. */
    private static void kaimingNormal(Network net, Init init) {
        for (Param p : net.parameters()) {
            if (p.kind() != Param.Kind.WEIGHT) {
                continue;
            }
            Shape s = p.array().getShape();
            long fanIn = s.size() / s.get(0);
            try (NDArray w = init.normal(s, Math.sqrt(2.0 / fanIn))) {
                p.array().set(java.nio.FloatBuffer.wrap(w.toFloatArray()));
            }
        }
    }

    private static float[] gaussian(SplittableRandom r, long n) {
        float[] v = new float[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Rows: every (sample, position); columns: channels. */
    private static double[][] rows(NDArray a) {
        Shape s = a.getShape();
        int c = (int) s.get(1);
        int n = (int) (s.size() / c);
        float[] v = a.transpose(0, 2, 3, 1).toFloatArray();
        double[][] out = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = v[i * c + j];
            }
        }
        return out;
    }

    /** Entropy of the normalised eigenvalues of the channel covariance of a (N, C, H, W) feature map. */
    static double entropy(NDArray feature) {
        double[][] x = rows(feature);
        int n = x.length;
        int c = x[0].length;
        double[] mean = new double[c];
        for (double[] row : x) {
            for (int j = 0; j < c; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] cov = new double[c][c];
        for (double[] row : x) {
            for (int a = 0; a < c; a++) {
                double da = row[a] - mean[a];
                for (int b = a; b < c; b++) {
                    cov[a][b] += da * (row[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < c; a++) {
            for (int b = a; b < c; b++) {
                cov[a][b] /= n;
                cov[b][a] = cov[a][b];
            }
        }
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(cov, false)).getRealEigenvalues();
        double sum = 0;
        for (double e : ev) {
            sum += Math.max(e, 0);
        }
        if (!(sum > 0)) {
            return Double.NEGATIVE_INFINITY;
        }
        double h = 0;
        for (double e : ev) {
            double p = Math.max(e, 0) / sum;
            h -= p * Math.log(p + 1e-8);
        }
        return h;
    }

    private static double trainability(List<Module> chain, List<NDArray> f, Ctx ctx, SplittableRandom r) {
        double sum = 0;
        int count = 0;
        for (int i = f.size() - 1; i >= 1; i--) {
            NDArray in = f.get(i - 1).duplicate();
            in.setRequiresGradient(true);
            Shape outShape = f.get(i).getShape();
            float[] signs = new float[Math.toIntExact(outShape.size())];
            for (int k = 0; k < signs.length; k++) {
                signs[k] = r.nextBoolean() ? 1f : -1f;
            }
            NDArray gOut = ctx.manager().create(signs, outShape);
            count++;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                // + 0·Σ input: a block whose output ignores its input (a cell of 'none' paths) gets a zero Jacobian
                gc.backward(chain.get(i).forward(ctx, in).mul(gOut).sum().add(Scalar.mul(in.sum(), 0)));
            }
            NDArray gIn = in.getGradient();
            if (gIn.getShape().equals(outShape) && gIn.contentEquals(gOut)) {
                return Double.NEGATIVE_INFINITY; // an identity block: the mean is −∞, as in the reference
            }
            sum += blockScore(unshuffle(gIn, outShape), gOut);
        }
        return count == 0 ? Double.NEGATIVE_INFINITY : sum / count;
    }

    /** (N, C, H, W) → (N, C·s², H/s, W/s) with s the ratio of the output's resolution to this one's. */
    private static NDArray unshuffle(NDArray g, Shape out) {
        Shape s = g.getShape();
        if (s.get(2) == out.get(2) && s.get(3) == out.get(3)) {
            return g;
        }
        long st = s.get(2) / out.get(2);
        return g.reshape(s.get(0), s.get(1), s.get(2) / st, st, s.get(3) / st, st).transpose(0, 1, 3, 5, 2, 4)
                .reshape(s.get(0), s.get(1) * st * st, s.get(2) / st, s.get(3) / st);
    }

    /** 2 − σ − 1/σ for σ the largest singular value of E[g_in g_outᵀ] over samples and positions. */
    private static double blockScore(NDArray gIn, NDArray gOut) {
        int ci = (int) gIn.getShape().get(1);
        int co = (int) gOut.getShape().get(1);
        long n = gOut.getShape().size() / co;
        NDArray a = gIn.transpose(0, 2, 3, 1).reshape(n, ci);
        NDArray b = gOut.transpose(0, 2, 3, 1).reshape(n, co);
        float[] mv = a.transpose().matMul(b).toFloatArray();
        double[][] mat = new double[ci][co];
        for (int i = 0; i < ci; i++) {
            for (int j = 0; j < co; j++) {
                mat[i][j] = mv[i * co + j] / (double) n;
            }
        }
        double s = new SingularValueDecomposition(new Array2DRowRealMatrix(mat, false)).getNorm();
        return -s - 1 / (s + 1e-6) + 2;
    }
}
