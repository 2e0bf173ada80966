package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Fully connected layer: (N, in) → (N, out), with bias. */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final NDArray weight;
    private final NDArray bias;

    public Linear(Init init, int in, int out) {
        this.in = in;
        this.out = out;
        this.weight = param("weight", init.fanIn(new Shape(out, in), in), Param.Kind.WEIGHT);
        this.bias = param("bias", init.fanIn(new Shape(out), in), Param.Kind.BIAS);
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return io.jnas.nn.onnx.OnnxOps.gemm(g, x, weight, bias, eval(g, x));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        ctx.count((long) in * out);
        ctx.countBias(out);
        return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
