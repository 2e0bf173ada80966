package io.jnas.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * The primitives jnas trains with, on the shapes its networks use, each a {@link Check}. Convolutions come first (they
 * are where wrong kernels have been found): the stems and MAE decoders (1 or 3 image channels in or out), cell
 * convolutions at channel counts that are and are not multiples of 8 and 16 (oneDNN blocks channels by 8 or 16 and pads
 * the rest; the faulty kernels are those on padded blocks), strided, 5x5, dilated, depthwise and grouped ones; then
 * batch norm in training and in evaluation, pools, linear layers and GEMM, the losses, activations, upsampling and the
 * reductions of the MAE loss.
 */
public final class PrimitiveChecks {
    private PrimitiveChecks() {
    }

    /**
     * The environment variable that breaks, on purpose, the float32 gradient of every primitive whose check name
     * contains its value (e.g. {@code JNAS_KERNEL_FAULT='conv2d 24→24'}), as a faulty kernel would: to see that the
     * checks name it and that commands refuse to run (the kernel tests do; nothing else reads it).
     */
    public static final String FAULT = "JNAS_KERNEL_FAULT";

    /** Every check, convolutions first. */
    public static List<Check> all() {
        List<Check> out = new ArrayList<>(convolutions());
        out.addAll(others());
        String fault = System.getenv(FAULT);
        if (fault != null && !fault.isBlank()) {
            out.replaceAll(c -> c.name().contains(fault) ? broken(c) : c);
        }
        return out;
    }

    /**
     * {@code c} with its float32 input gradient shifted by 1/2 and its output unchanged: y + (s − s̄)/2, where s is the
     * input's sum and s̄ the same value cut from the graph.
     */
    static Check broken(Check c) {
        return new Check(c.name(), c.inputs(), x -> {
            NDArray y = c.fn().apply(x);
            if (x[0].getDataType() != ai.djl.ndarray.types.DataType.FLOAT32) {
                return y;
            }
            NDArray s = x[0].sum();
            NDArray half = y.getManager().full(new Shape(), 0.5f, y.getDataType());
            return y.add(s.sub(s.stopGradient()).mul(half));
        }, c.tolerance());
    }

    /** Convolutions: {in, out, kernel, stride, dilation, groups, size}, batch 8, "same" padding, no bias. */
    static List<Check> convolutions() {
        int[][] c = {
            {1, 8, 3, 1, 1, 1, 28}, {3, 16, 3, 1, 1, 1, 32}, {8, 1, 3, 1, 1, 1, 28}, {16, 1, 3, 1, 1, 1, 14},
            {16, 3, 3, 1, 1, 1, 32}, {16, 4, 3, 1, 1, 1, 14}, {1, 1, 1, 1, 1, 1, 28}, {8, 8, 3, 1, 1, 1, 28},
            {12, 12, 3, 1, 1, 1, 16}, {16, 16, 3, 1, 1, 1, 16}, {24, 24, 3, 1, 1, 1, 16}, {32, 32, 3, 1, 1, 1, 8},
            {48, 48, 3, 1, 1, 1, 8}, {64, 64, 3, 1, 1, 1, 8}, {8, 24, 1, 1, 1, 1, 16}, {24, 8, 1, 1, 1, 1, 16},
            {48, 16, 1, 1, 1, 1, 8}, {8, 16, 3, 2, 1, 1, 16}, {1, 16, 3, 2, 1, 1, 16}, {24, 48, 3, 2, 1, 1, 16},
            {48, 48, 3, 2, 1, 1, 8}, {8, 8, 5, 1, 1, 1, 16}, {16, 16, 5, 1, 1, 1, 16}, {8, 8, 3, 1, 2, 1, 16},
            {24, 24, 3, 1, 2, 1, 16}, {16, 16, 5, 1, 2, 1, 16}, {8, 8, 3, 1, 1, 8, 16}, {24, 24, 5, 1, 1, 24, 16},
            {40, 40, 7, 1, 1, 40, 8}, {16, 16, 3, 2, 1, 16, 16}, {20, 20, 5, 1, 2, 20, 16}, {48, 48, 3, 1, 1, 48, 8},
            {16, 16, 3, 1, 1, 2, 16}, {24, 48, 3, 1, 1, 4, 8},
        };
        List<Check> out = new ArrayList<>();
        for (int[] s : c) {
            out.add(conv(s[0], s[1], s[2], s[3], s[4], s[5], s[6], false));
        }
        out.add(conv(16, 1, 3, 1, 1, 1, 14, true));
        out.add(conv(32, 32, 3, 1, 1, 1, 8, true));
        return out;
    }

    /** One 2-D convolution, batch 8, "same" padding. */
    public static Check conv(int in, int out, int k, int stride, int dilation, int groups, int size, boolean bias) {
        String name = String.format("conv2d %d→%d k%d s%d d%d g%d %dpx%s", in, out, k, stride, dilation, groups, size,
                bias ? " +bias" : "");
        Shape st = new Shape(stride, stride);
        Shape pad = new Shape(dilation * (k / 2), dilation * (k / 2));
        Shape dil = new Shape(dilation, dilation);
        long[][] shapes = bias ? new long[][] {{8, in, size, size}, {out, in / groups, k, k}, {out}}
                : new long[][] {{8, in, size, size}, {out, in / groups, k, k}};
        return new Check(name, shapes, x -> Conv2d.conv2d(x[0], x[1], bias ? x[2] : null, st, pad, dil, groups)
                .singletonOrThrow(), Check.TOLERANCE);
    }

    static List<Check> others() {
        List<Check> out = new ArrayList<>();
        for (int ch : new int[] {16, 24}) {
            out.add(new Check("batch norm, training, " + ch + " channels", new long[][] {{8, ch, 8, 8}, {ch}, {ch}},
                    x -> batchNorm(x, true), Check.TOLERANCE));
        }
        out.add(new Check("batch norm, evaluation, 24 channels", new long[][] {{8, 24, 8, 8}, {24}, {24}},
                x -> batchNorm(x, false), Check.TOLERANCE));
        out.add(new Check("max pool 3x3 s1", new long[][] {{8, 24, 16, 16}},
                x -> Pool.maxPool2d(x[0], new Shape(3, 3), new Shape(1, 1), new Shape(1, 1), false), Check.TOLERANCE));
        out.add(new Check("max pool 3x3 s2", new long[][] {{8, 16, 16, 16}},
                x -> Pool.maxPool2d(x[0], new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false), Check.TOLERANCE));
        out.add(new Check("avg pool 3x3 s1, padding not counted", new long[][] {{8, 24, 16, 16}},
                x -> avgNoPad(x[0]), Check.TOLERANCE));
        out.add(new Check("global average pool", new long[][] {{8, 48, 8, 8}}, x -> Pool.globalAvgPool2d(x[0]),
                Check.TOLERANCE));
        out.add(new Check("linear 72→10 +bias", new long[][] {{8, 72}, {10, 72}, {10}},
                x -> ai.djl.nn.core.Linear.linear(x[0], x[1], x[2]).singletonOrThrow(), Check.TOLERANCE));
        out.add(new Check("matrix product 64x512 · 512x256", new long[][] {{64, 512}, {512, 256}}, x -> x[0].matMul(x[1]),
                Check.TOLERANCE));
        out.add(new Check("cross-entropy (log-softmax, gather)", new long[][] {{16, 10}}, PrimitiveChecks::crossEntropy,
                Check.TOLERANCE));
        out.add(new Check("soft cross-entropy (softmax target)", new long[][] {{16, 10}, {16, 10}},
                x -> x[0].logSoftmax(1).mul(x[1].softmax(1)).sum(new int[] {1}).neg().mean(), Check.TOLERANCE));
        out.add(new Check("masked patch MSE with norm-pix (MAE loss)", new long[][] {{8, 49, 16}, {8, 49, 16}, {8, 49}},
                PrimitiveChecks::maskedMse, Check.TOLERANCE));
        out.add(new Check("relu, sigmoid, hard swish, tanh", new long[][] {{8, 24, 8, 8}}, PrimitiveChecks::activations,
                Check.TOLERANCE));
        out.add(new Check("bilinear upsampling x2", new long[][] {{8, 16, 8, 8}},
                x -> x[0].getNDArrayInternal().interpolation(new long[] {16, 16}, 1, false), Check.TOLERANCE));
        out.add(new Check("nearest upsampling x2 and pixel shuffle", new long[][] {{8, 16, 8, 8}},
                PrimitiveChecks::upsampling, Check.TOLERANCE));
        return out;
    }

    private static NDArray batchNorm(NDArray[] x, boolean training) {
        long c = x[1].getShape().get(0);
        NDArray mean = x[0].getManager().zeros(new Shape(c), x[0].getDataType());
        NDArray var = x[0].getManager().ones(new Shape(c), x[0].getDataType());
        if (!training) {
            mean = mean.add(0.25f);
            var = var.add(0.5f);
        }
        // the native takes (input, running_mean, running_var, weight, bias), as in io.jnas.nn.BatchNorm
        return JniUtils.batchNorm((PtNDArray) x[0], (PtNDArray) mean, (PtNDArray) var, (PtNDArray) x[1], (PtNDArray) x[2],
                training, 0.1, 1e-5);
    }

    private static NDArray avgNoPad(NDArray x) {
        Shape k = new Shape(3, 3);
        Shape one = new Shape(1, 1);
        NDArray y = Pool.avgPool2d(x, k, one, one, false, true);
        Shape s = x.getShape();
        NDArray frac = Pool.avgPool2d(x.getManager().ones(new Shape(1, 1, s.get(2), s.get(3)), x.getDataType()), k, one, one,
                false, true);
        return y.div(frac);
    }

    private static NDArray crossEntropy(NDArray[] x) {
        long n = x[0].getShape().get(0);
        long[] labels = new long[(int) n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7L) % x[0].getShape().get(1);
        }
        NDArray idx = x[0].getManager().create(labels, new Shape(n, 1));
        return x[0].logSoftmax(1).gather(idx, 1).neg().mean();
    }

    private static NDArray maskedMse(NDArray[] x) {
        NDArray t = x[1];
        NDArray mean = t.mean(new int[] {2}, true);
        NDArray var = t.sub(mean).square().mean(new int[] {2}, true);
        t = t.sub(mean).div(var.add(1e-6f).sqrt());
        NDArray hidden = x[2].gt(0).toType(x[0].getDataType(), false);
        NDArray perPatch = x[0].sub(t).square().mean(new int[] {2});
        return perPatch.mul(hidden).sum().div(hidden.sum().add(1e-6f)).add(x[2].square().mean());
    }

    private static NDArray activations(NDArray[] x) {
        NDArray v = x[0];
        NDArray sixth = v.getManager().full(new Shape(), 1f / 6, v.getDataType());
        NDArray hswish = v.mul(v.add(3f).clip(0, 6)).mul(sixth);
        return v.getNDArrayInternal().relu().add(v.getNDArrayInternal().sigmoid()).add(hswish).add(v.tanh());
    }

    private static NDArray upsampling(NDArray[] x) {
        Shape s = x[0].getShape();
        NDArray near = x[0].repeat(2, 2).repeat(3, 2);
        NDArray shuffled = x[0].reshape(s.get(0), s.get(1) / 4, 2, 2, s.get(2), s.get(3)).transpose(0, 1, 4, 2, 5, 3)
                .reshape(s.get(0), s.get(1) / 4, s.get(2) * 2, s.get(3) * 2);
        return near.get(":, :4").add(shuffled);
    }
}
