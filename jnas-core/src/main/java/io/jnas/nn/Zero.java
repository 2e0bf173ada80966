package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The {@code none} operation: zeros shaped like the (strided) input, (N, C, ⌈H/s⌉, ⌈W/s⌉).
 * Supernets skip it entirely ({@link #isZero}); it exists so a discrete network can hold it.
 */
public final class Zero extends Module {
    private final int stride;

    public Zero(int stride) {
        this.stride = stride;
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        Shape s = x.getShape();
        long h = (s.get(2) + stride - 1) / stride;
        long w = (s.get(3) + stride - 1) / stride;
        return ctx.manager().zeros(new Shape(s.get(0), s.get(1), h, w), x.getDataType());
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return null;
    }

    /** Whether {@code m} contributes nothing (lets callers skip its work). */
    public static boolean isZero(Module m) {
        return m instanceof Zero;
    }
}
