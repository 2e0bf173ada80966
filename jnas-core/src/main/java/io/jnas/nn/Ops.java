package io.jnas.nn;

/**
 * Factories for the composite operations shared by the cell spaces (DARTS, NAS-Bench-201,
 * OFA). All convolutions are bias-free and followed by batch norm.
 */
public final class Ops {
    private Ops() {
    }

    /** ReLU → k×k conv → BN (DARTS/NAS-Bench-201 "ReLUConvBN", nor_conv_k). */
    public static Module reluConvBn(Init init, int in, int out, int k, int stride, int pad, boolean affine) {
        return Sequential.of(Act.relu(), new Conv(init, in, out, k, stride, pad, 1, 1, false),
                new BatchNorm(init, out, affine));
    }

    /** k×k conv → BN → activation (stems, MBConv parts). */
    public static Module convBnAct(Init init, int in, int out, int k, int stride, Act.Kind act) {
        return Sequential.of(new Conv(init, in, out, k, stride, k / 2, 1, 1, false),
                new BatchNorm(init, out, true), new Act(act));
    }

    /**
     * Dilated depthwise-separable conv: ReLU → depthwise k×k (dilation d) → 1×1 → BN.
     * Output channels {@code out}; the depthwise conv carries the stride.
     */
    public static Module dilConv(Init init, int in, int out, int k, int stride, int pad, int dilation, boolean affine) {
        if (dilation == 2 && pad == k - 1 && in == out) {
            return Sequential.of(Act.relu(), dilConvPreActivated(init, in, out, k, stride, affine));
        }
        return Sequential.of(Act.relu(), new Conv(init, in, in, k, stride, pad, dilation, in, false),
                new Conv(init, in, out, 1, 1, 0, 1, 1, false), new BatchNorm(init, out, affine));
    }

    /**
     * Dilated separable conv without its leading ReLU, for inputs that are already activated:
     * depthwise k×k dilation 2 (phase-decomposed, {@link DilatedDepthwise}) → 1×1 → BN.
     */
    public static Module dilConvPreActivated(Init init, int in, int out, int k, int stride, boolean affine) {
        return Sequential.of(new DilatedDepthwise(init, in, k, stride), new Conv(init, in, out, 1, 1, 0, 1, 1, false),
                new BatchNorm(init, out, affine));
    }

    /** Separable conv without its leading ReLU (the second block keeps its own ReLU). */
    public static Module sepConvPreActivated(Init init, int in, int out, int k, int stride, int pad, boolean affine) {
        return Sequential.of(new Conv(init, in, in, k, stride, pad, 1, in, false), new Conv(init, in, in, 1, 1, 0, 1, 1, false),
                new BatchNorm(init, in, affine), dilConv(init, in, out, k, 1, pad, 1, affine));
    }

    /** Separable conv (DARTS): two dil_conv blocks with dilation 1; only the first is strided. */
    public static Module sepConv(Init init, int in, int out, int k, int stride, int pad, boolean affine) {
        return Sequential.of(dilConv(init, in, in, k, stride, pad, 1, affine),
                dilConv(init, in, out, k, 1, pad, 1, affine));
    }

    /** Pooling followed by a non-affine BN (as DARTS's search network does). */
    public static Module poolBn(Init init, Pool pool, int channels) {
        return Sequential.of(pool, new BatchNorm(init, channels, false));
    }
}
