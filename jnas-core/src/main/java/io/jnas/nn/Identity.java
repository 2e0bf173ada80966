package io.jnas.nn;

import ai.djl.ndarray.NDArray;

/** Returns its input unchanged. */
public final class Identity extends Module {
    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return x;
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return x;
    }
}
