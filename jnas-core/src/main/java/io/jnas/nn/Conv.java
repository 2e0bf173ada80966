package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * 2-D convolution. Input (N, in, H, W), output (N, out, H', W') with
 * H' = (H + 2·pad − dilation·(k−1) − 1)/stride + 1. No bias unless asked.
 */
public final class Conv extends Module {
    private final int in;
    private final int out;
    private final int kernel;
    private final int groups;
    private final Shape stride;
    private final Shape pad;
    private final Shape dilation;
    private final NDArray weight;
    private final NDArray bias;

    public Conv(Init init, int in, int out, int kernel, int stride, int pad, int dilation, int groups, boolean bias) {
        if (in <= 0 || out <= 0 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(
                    "bad convolution shape: in=" + in + " out=" + out + " groups=" + groups
                            + " (channels must be positive and divisible by groups)");
        }
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.groups = groups;
        this.stride = new Shape(stride, stride);
        this.pad = new Shape(pad, pad);
        this.dilation = new Shape(dilation, dilation);
        long fanIn = (long) (in / groups) * kernel * kernel;
        this.weight = param("weight", init.fanIn(new Shape(out, in / groups, kernel, kernel), fanIn), Param.Kind.WEIGHT);
        this.bias = bias ? param("bias", init.fanIn(new Shape(out), fanIn), Param.Kind.BIAS) : null;
    }

    /** Plain convolution: groups 1, dilation 1, no bias, "same" padding for odd k. */
    public static Conv of(Init init, int in, int out, int kernel, int stride) {
        return new Conv(init, in, out, kernel, stride, kernel / 2, 1, 1, false);
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray y = Conv2d.conv2d(x, weight, bias, stride, pad, dilation, groups).singletonOrThrow();
        if (ctx.meter() != null) {
            long perSample = y.getShape().size() / y.getShape().get(0);
            ctx.count(perSample * (in / groups) * kernel * kernel);
            if (bias != null) {
                ctx.countBias(perSample);
            }
        }
        return y;
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return io.jnas.nn.onnx.OnnxOps.conv(g, x, weight, bias, (int) stride.get(0), (int) pad.get(0), (int) dilation.get(0),
                groups, eval(g, x));
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public NDArray weight() {
        return weight;
    }
}
