package io.jnas.nn.ofa;

import io.jnas.nn.onnx.OnnxGraph;
import io.jnas.nn.onnx.OnnxOps;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.jnas.nn.Ctx;
import io.jnas.nn.NoGrad;

/**
 * Helpers shared by the elastic modules: metered functional convolution, parameter slices
 * attached to the step (DJL would otherwise attach them to the parameter's long-lived manager),
 * and in-place copies between networks.
 */
final class Elastic {
    private Elastic() {
    }

    /** Convolution with "same" padding for odd k; counts MACs on the context's meter. */
    static NDArray conv(Ctx ctx, NDArray x, NDArray w, NDArray bias, int stride, int groups) {
        long k = w.getShape().get(2);
        int pad = (int) k / 2;
        NDArray y = Conv2d.conv2d(x, w, bias, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), groups)
                .singletonOrThrow();
        if (ctx.meter() != null) {
            long perSample = y.getShape().size() / y.getShape().get(0);
            ctx.count(perSample * w.getShape().get(1) * k * k);
        }
        return y;
    }

    /** The ONNX form of {@link #conv}: a Conv node with "same" padding, its value computed by jnas. */
    static String conv(OnnxGraph g, Ctx ctx, String x, NDArray w, NDArray bias, int stride, int groups) {
        NDArray y = conv(ctx, g.value(x), w, bias, stride, groups);
        return OnnxOps.conv(g, x, w, bias, stride, (int) w.getShape().get(2) / 2, 1, groups, y);
    }

    /** {@code a[index]} attached to the step's manager. */
    static NDArray slice(Ctx ctx, NDArray a, String index) {
        return ctx.scoped(a.get(new NDIndex(index)));
    }

    /** Writes {@code src}'s values into the parameter {@code dst} (same shape), without gradient tracking. */
    static void copy(NDArray src, NDArray dst) {
        if (!src.getShape().equals(dst.getShape())) {
            throw new IllegalStateException("subnet extraction: shape " + src.getShape() + " does not fit " + dst.getShape());
        }
        try (NoGrad ng = new NoGrad()) {
            dst.set(src.toFloatArray());
        }
    }

    /** Re-orders axis {@code axis} (0 or 1) of a parameter by {@code order}, in place. */
    static void permute(NDArray p, int axis, int[] order) {
        Shape s = p.getShape();
        float[] v = p.toFloatArray();
        float[] out = new float[v.length];
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s.get(i);
        }
        long n = s.get(axis);
        long inner = v.length / (outer * n);
        for (long o = 0; o < outer; o++) {
            for (int j = 0; j < order.length; j++) {
                System.arraycopy(v, (int) ((o * n + order[j]) * inner), out, (int) ((o * n + j) * inner), (int) inner);
            }
        }
        try (NoGrad ng = new NoGrad()) {
            p.set(out);
        }
    }

    /** Indices 0..n-1 sorted by decreasing score (stable). */
    static int[] descending(float[] score) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(score[b], score[a]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** Per-index L1 norm along axis (0 or 1) of a 4-D weight. */
    static float[] l1(NDArray w, int axis) {
        Shape s = w.getShape();
        float[] v = w.toFloatArray();
        int n = (int) s.get(axis);
        float[] out = new float[n];
        long inner = s.get(2) * s.get(3);
        for (int i = 0; i < v.length; i++) {
            long o = i / inner;
            int c = (int) (axis == 0 ? o / s.get(1) : o % s.get(1));
            out[c] += Math.abs(v[i]);
        }
        return out;
    }
}
