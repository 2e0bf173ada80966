package io.jnas.nn;

import ai.djl.ndarray.NDArray;

/** Global average pooling: (N, C, H, W) → (N, C). Counted as pooling: C·H·W MACs. */
public final class GlobalAvgPool extends Module {
    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        if (ctx.meter() != null) {
            ctx.countPooling(x.getShape().size() / x.getShape().get(0));
        }
        return apply(x);
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return io.jnas.nn.onnx.OnnxOps.globalAvgPoolFlat(g, x);
    }

    /** (N, C, H, W) → (N, C) spatial mean, without counting. */
    public static NDArray apply(NDArray x) {
        // libtorch's mean over several axes is not exposed by DJL; adaptive pooling is
        NDArray y = ai.djl.nn.pooling.Pool.globalAvgPool2d(x);
        return y.reshape(x.getShape().get(0), x.getShape().get(1));
    }
}
