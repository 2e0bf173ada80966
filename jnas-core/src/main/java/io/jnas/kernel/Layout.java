package io.jnas.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * The memory layout of feature maps in libtorch's convolutions and pools. Channels-last (NHWC in memory; libtorch's
 * {@code channels_last}) is the default: on the small feature maps of a search (8-64 channels, 32 px and below) oneDNN's
 * channels-last kernels run a DARTS or NAS-Bench-201 supernet step, an OFA training step and a MOTE estimate 10-30 %
 * faster than on NCHW arrays (docs/results.md, "Speed against the original code"), with the same values within float
 * rounding ({@code LayoutTest}); {@link PrimitiveChecks} checks the kernels in both layouts. {@code JNAS_LAYOUT=nchw}
 * turns it off.
 *
 * <p>The arrays stay (N, C, H, W) to every caller: a convolution's input is copied to channels-last once, when it
 * arrives in NCHW order ({@link #forConv}); libtorch's convolutions, batch norm, pools and element-wise operations then
 * keep the layout for what follows.
 */
public final class Layout {
    /** The environment variable that chooses the layout: {@code nhwc} (the default) or {@code nchw}. */
    public static final String ENV = "JNAS_LAYOUT";

    private static final Method IS_CONTIGUOUS;
    private static final Object LIB;
    private static volatile Boolean channelsLast;

    static {
        Method m = null;
        Object lib = null;
        try {
            // DJL has no public call for libtorch's is_contiguous(); its JNI binding has one
            Class<?> c = Class.forName("ai.djl.pytorch.jni.PyTorchLibrary");
            Field f = c.getDeclaredField("LIB");
            f.setAccessible(true);
            lib = f.get(null);
            m = c.getDeclaredMethod("torchIsContiguous", long.class);
            m.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            m = null;
        }
        IS_CONTIGUOUS = m;
        LIB = lib;
    }

    private Layout() {
    }

    /** Whether convolutions get channels-last inputs in this process. */
    public static boolean channelsLast() {
        Boolean v = channelsLast;
        if (v == null) {
            v = parse(System.getenv(ENV)) && IS_CONTIGUOUS != null;
            channelsLast = v;
        }
        return v;
    }

    /** Sets the layout for this process (tests, and programs that compare the two). */
    public static void set(boolean nhwc) {
        channelsLast = nhwc && IS_CONTIGUOUS != null;
    }

    /** The text of {@code JNAS_LAYOUT} as a choice: true for channels-last; blank means the default. */
    static boolean parse(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "nhwc", "channels-last", "channels_last" -> true;
            case "nchw" -> false;
            default -> throw new IllegalArgumentException(ENV + "=" + text + " is not a layout; use " + ENV + "=nhwc "
                    + "(channels-last, the default) or " + ENV + "=nchw");
        };
    }

    /** For config.yaml and jnas doctor. */
    public static String describe() {
        if (IS_CONTIGUOUS == null) {
            return "nchw (this DJL build has no contiguity call: channels-last is off)";
        }
        return channelsLast() ? "nhwc (channels-last; JNAS_LAYOUT=nchw turns it off)" : "nchw (JNAS_LAYOUT=nchw)";
    }

    /**
     * {@code x} as a convolution or pool should receive it: a 4-D array in NCHW order is copied to channels-last when
     * that layout is on; anything else (already channels-last, a strided view, one channel or one pixel) is passed as
     * it is.
     */
    public static NDArray forConv(NDArray x) {
        if (!channelsLast()) {
            return x;
        }
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) == 1 || s.get(2) * s.get(3) == 1 || !contiguous(x)) {
            return x;
        }
        return toChannelsLast(x);
    }

    /** Whether {@code x} is contiguous in its logical (row-major) order. */
    public static boolean contiguous(NDArray x) {
        try {
            return (Boolean) IS_CONTIGUOUS.invoke(LIB, ((PtNDArray) x).getHandle());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libtorch's contiguity test failed: " + e.getMessage(), e);
        }
    }

    /**
     * The same (N, C, H, W) values stored channels-last: a copy into an (N, H, W·C) array (the transposed view cannot
     * be reshaped without one), viewed back as (N, C, H, W).
     */
    public static NDArray toChannelsLast(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 3, 1).reshape(s.get(0), s.get(2), s.get(3) * s.get(1))
                .reshape(s.get(0), s.get(2), s.get(3), s.get(1)).transpose(0, 3, 1, 2);
    }
}
