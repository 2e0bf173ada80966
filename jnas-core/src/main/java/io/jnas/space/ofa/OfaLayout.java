package io.jnas.space.ofa;

/**
 * The fixed skeleton of the OFA MobileNetV3 super-network (OFA, arXiv:1908.09791): base widths, the
 * stride, activation and squeeze-excite use of each stage, and the channel rounding. Shared by
 * the analytic cost and the network builders so both describe the same network.
 */
public final class OfaLayout {
    /** Base widths: stem, first block, stages 1..5, final expand, feature mix. */
    private static final int[] BASE = {16, 16, 24, 40, 80, 112, 160, 960, 1280};
    private static final int[] STRIDE = {2, 2, 2, 1, 2};
    private static final boolean[] HSWISH = {false, false, true, true, true};
    private static final boolean[] SE = {false, true, false, true, true};
    /** Exit weights α of exits 1..5 in the OFAv2 training loss (OFAv2, arXiv:2302.01888). */
    public static final double[] EXIT_WEIGHTS = {0.06, 0.13, 0.20, 0.27, 0.34};

    private OfaLayout() {
    }

    /** Rounds to a multiple of 8, never below 90% of the value (MobileNet's rule). */
    public static int divisible(double v) {
        int n = Math.max(8, (int) (v + 4) / 8 * 8);
        return n < 0.9 * v ? n + 8 : n;
    }

    /** Stem output width. */
    public static int stem(double w) {
        return divisible(BASE[0] * w);
    }

    /** Width of the first (fixed, expand 1) block. */
    public static int firstBlock(double w) {
        return divisible(BASE[1] * w);
    }

    /** Output width of stage s (0-based). */
    public static int stage(int s, double w) {
        return divisible(BASE[2 + s] * w);
    }

    /** Final expand width of the head (960 × w). */
    public static int finalExpand(double w) {
        return divisible(BASE[7] * w);
    }

    /** Feature-mix width of the head (1280 × w). */
    public static int featureMix(double w) {
        return divisible(BASE[8] * w);
    }

    /** Stride of the first block of stage s. */
    public static int stride(int s) {
        return STRIDE[s];
    }

    /** True when stage s uses h-swish (else ReLU). */
    public static boolean hswish(int s) {
        return HSWISH[s];
    }

    /** True when the blocks of stage s have squeeze-excite. */
    public static boolean se(int s) {
        return SE[s];
    }

    /** Middle width of an MBConv with the given input width and expand ratio. */
    public static int middle(int in, int expand) {
        return divisible(Math.round((double) in * expand));
    }

    /** Squeeze-excite width of a middle width (reduction 4). */
    public static int squeeze(int mid) {
        return divisible(mid / 4);
    }

    /** Output size of a same-padded layer with this stride. */
    public static int out(int size, int stride) {
        return (size + stride - 1) / stride;
    }

    /** Widths of the head of exit s (0-based): 6C and 8C for stage width C (the last exit is OFA's head). */
    public static int[] exitHead(int s, double w) {
        if (s == OfaSubnet.STAGES - 1) {
            return new int[] {finalExpand(w), featureMix(w)};
        }
        int c = stage(s, w);
        return new int[] {6 * c, 8 * c};
    }
}
