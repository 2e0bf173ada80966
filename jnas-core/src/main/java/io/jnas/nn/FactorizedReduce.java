package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * Halves the resolution without losing half the pixels: ReLU, then two 1×1 stride-2 convs of
 * out/2 channels, the second on the input shifted by one pixel, concatenated, then BN.
 * (N, in, H, W) → (N, out, H/2, W/2) for even H, W.
 */
public final class FactorizedReduce extends Module {
    /** The array without its first row and column, shared while {@link Reuse} is on. */
    private static final Object SHIFTED = new Object();

    private final Conv conv1;
    private final Conv conv2;
    private final BatchNorm bn;

    public FactorizedReduce(Init init, int in, int out, boolean affine) {
        if (out % 2 != 0) {
            throw new IllegalArgumentException("FactorizedReduce needs an even output channel count, got " + out);
        }
        conv1 = child("conv1", new Conv(init, in, out / 2, 1, 2, 0, 1, 1, false));
        conv2 = child("conv2", new Conv(init, in, out / 2, 1, 2, 0, 1, 1, false));
        bn = child("bn", new BatchNorm(init, out, affine));
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        String r = Act.onnx(g, Act.Kind.RELU, x);
        String a = conv1.onnx(g, r);
        String b = conv2.onnx(g, io.jnas.nn.onnx.OnnxOps.sliceSpatial(g, r, 1));
        return bn.onnx(g, io.jnas.nn.onnx.OnnxOps.concat(g, java.util.List.of(a, b), 1));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray r = ctx.reused(Reuse.RELU, x, () -> ctx.relu(x));
        NDArray a = conv1.forward(ctx, r);
        NDArray b = conv2.forward(ctx, ctx.reused(SHIFTED, r, () -> r.get(new NDIndex("..., 1:, 1:"))));
        return bn.forward(ctx, NDArrays.concat(new NDList(a, b), 1));
    }
}
