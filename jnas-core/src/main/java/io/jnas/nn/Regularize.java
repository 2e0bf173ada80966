package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Drop-path and dropout with masks drawn from the step's seeded Java stream (not libtorch's
 * generator), so that a resumed run reproduces the same masks.
 */
public final class Regularize {
    private Regularize() {
    }

    /**
     * Drop-path: zeroes whole samples of a branch output (N, ...) with probability p and scales
     * the kept ones by 1/(1−p). Identity when not training or p = 0.
     */
    public static NDArray dropPath(Ctx ctx, NDArray x, double p) {
        if (!ctx.training() || p <= 0) {
            return x;
        }
        int n = (int) x.getShape().get(0);
        float[] keep = new float[n];
        float scale = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < n; i++) {
            keep[i] = ctx.random().nextDouble() < p ? 0f : scale;
        }
        long[] dims = new long[x.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[0] = n;
        NDArray mask = ctx.manager().create(keep, new Shape(dims));
        return x.mul(mask);
    }

    /** Element-wise dropout with rate p (inverted scaling). */
    public static NDArray dropout(Ctx ctx, NDArray x, double p) {
        if (!ctx.training() || p <= 0) {
            return x;
        }
        int n = Math.toIntExact(x.getShape().size());
        float[] keep = new float[n];
        float scale = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < n; i++) {
            keep[i] = ctx.random().nextDouble() < p ? 0f : scale;
        }
        return x.mul(ctx.manager().create(keep, x.getShape()));
    }
}
