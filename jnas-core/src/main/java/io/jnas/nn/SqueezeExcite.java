package io.jnas.nn;

import ai.djl.ndarray.NDArray;

/**
 * Squeeze-and-excitation (MobileNetV3 form): global average pool, 1×1 conv to
 * {@code reduced} channels + ReLU, 1×1 conv back + h-sigmoid, channel-wise rescale.
 * Shape unchanged: (N, C, H, W).
 */
public final class SqueezeExcite extends Module {
    private final Conv reduce;
    private final Conv expand;

    public SqueezeExcite(Init init, int channels, int reduced) {
        reduce = child("reduce", new Conv(init, channels, reduced, 1, 1, 0, 1, 1, true));
        expand = child("expand", new Conv(init, reduced, channels, 1, 1, 0, 1, 1, true));
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        String s = io.jnas.nn.onnx.OnnxOps.globalAvgPool(g, x);
        s = Act.onnx(g, Act.Kind.RELU, reduce.onnx(g, s));
        s = Act.onnx(g, Act.Kind.HSIGMOID, expand.onnx(g, s));
        return io.jnas.nn.onnx.OnnxOps.mul(g, x, s);
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray s = GlobalAvgPool.apply(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1);
        s = Act.apply(Act.Kind.RELU, reduce.forward(ctx, s));
        s = Act.apply(Act.Kind.HSIGMOID, expand.forward(ctx, s));
        return x.mul(s);
    }
}
