package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.Param;

/**
 * Batch normalisation over the first {@code c} of {@code max} channels (elastic width). At full
 * width it behaves like an ordinary BN (running statistics updated in training, used in eval).
 * At a smaller width it normalises with batch statistics and leaves the running statistics
 * alone: a super-network's running statistics are meaningless for its subnets, which are
 * recalibrated after extraction (OFA's practice). In eval at a smaller width it uses the first {@code c}
 * running statistics, as OFA's dynamic BN does (exact for an imported OFA super-network's subnets).
 * {@link #recalibrating} switches the update to a cumulative average, so that n batches give the
 * exact mean of their statistics.
 */
final class SliceNorm extends Module {
    private static final double EPS = 1e-5;
    private final int max;
    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray mean;
    private final NDArray var;
    private double momentum = 0.1;
    private int seen = -1;

    SliceNorm(Init init, int max) {
        this.max = max;
        Shape s = new Shape(max);
        gamma = param("gamma", init.ones(s), Param.Kind.BN_GAMMA);
        beta = param("beta", init.zeros(s), Param.Kind.BN_BETA);
        mean = param("running_mean", init.zeros(s), Param.Kind.BN_MEAN);
        var = param("running_var", init.ones(s), Param.Kind.BN_VAR);
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return forward(ctx, x, max);
    }

    NDArray forward(Ctx ctx, NDArray x, int c) {
        if (c == max) {
            double mom = momentum;
            if (seen >= 0 && ctx.training()) {
                mom = 1.0 / (++seen);
            }
            // native argument order: input, running_mean, running_var, weight, bias
            return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) mean, (PtNDArray) var, (PtNDArray) gamma,
                    (PtNDArray) beta, ctx.training(), mom, EPS);
        }
        NDArray g = Elastic.slice(ctx, gamma, ":" + c);
        NDArray b = Elastic.slice(ctx, beta, ":" + c);
        if (!ctx.training()) {
            // OFA's dynamic BN: the first c running statistics (the full width's; a subnet is recalibrated by extraction)
            return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) Elastic.slice(ctx, mean, ":" + c),
                    (PtNDArray) Elastic.slice(ctx, var, ":" + c), (PtNDArray) g, (PtNDArray) b, false, 0.1, EPS);
        }
        NDArray m = ctx.manager().zeros(new Shape(c));
        NDArray v = ctx.manager().ones(new Shape(c));
        return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) m, (PtNDArray) v, (PtNDArray) g, (PtNDArray) b, true,
                0.1, EPS);
    }

    /** The inference form at full width (an extracted subnet's norms are all at full width). */
    String onnx(io.jnas.nn.onnx.OnnxGraph g, Ctx ctx, String x, int c) {
        if (c != max) {
            throw new IllegalStateException("export an extracted subnet: a norm at " + c + " of " + max + " channels keeps no "
                    + "running statistics");
        }
        return io.jnas.nn.onnx.OnnxOps.batchNorm(g, x, gamma, beta, mean, var, EPS, forward(ctx, g.value(x), c));
    }

    /** Resets the running statistics and averages the next batches cumulatively (or back to momentum 0.1). */
    void recalibrating(boolean on) {
        if (on) {
            // written, not computed from the old values: a non-finite statistic must not survive the reset
            fill(mean, 0);
            fill(var, 1);
            seen = 0;
        } else {
            seen = -1;
        }
    }

    private static void fill(NDArray a, double v) {
        int n = Math.toIntExact(a.getShape().size());
        if (a.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64) {
            double[] d = new double[n];
            java.util.Arrays.fill(d, v);
            a.set(d);
        } else {
            float[] f = new float[n];
            java.util.Arrays.fill(f, (float) v);
            a.set(f);
        }
    }

    int max() {
        return max;
    }

    int width() {
        return max;
    }

    NDArray gamma() {
        return gamma;
    }

    NDArray beta() {
        return beta;
    }

    NDArray mean() {
        return mean;
    }

    NDArray var() {
        return var;
    }

    /** Copies the first {@code target.max()} channels into {@code target}. */
    void copyInto(SliceNorm target) {
        String idx = ":" + target.max;
        for (NDArray[] pair : new NDArray[][] {{gamma, target.gamma}, {beta, target.beta}, {mean, target.mean},
            {var, target.var}}) {
            try (NDArray s = pair[0].get(new ai.djl.ndarray.index.NDIndex(idx))) {
                Elastic.copy(s, pair[1]);
            }
        }
    }

    /** Re-orders the channels by {@code order} (a permutation of 0..max-1). */
    void permute(int[] order) {
        for (NDArray p : new NDArray[] {gamma, beta, mean, var}) {
            Elastic.permute(p, 0, order);
        }
    }
}
