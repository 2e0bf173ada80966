package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Resolution changes without parameters: nearest or bilinear upsampling by an integer factor
 * and pixel shuffle (N, C·r², H, W) → (N, C, H·r, W·r).
 */
public final class Resample extends Module {

    /** How to resample. */
    public enum Mode { NEAREST, BILINEAR, PIXEL_SHUFFLE }

    private final Mode mode;
    private final int factor;

    public Resample(Mode mode, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("resampling factor must be >= 1, got " + factor);
        }
        this.mode = mode;
        this.factor = factor;
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return switch (mode) {
            case NEAREST -> nearest(x, factor);
            case BILINEAR -> bilinear(x, factor);
            case PIXEL_SHUFFLE -> pixelShuffle(x, factor);
        };
    }

    /** Nearest-neighbour upsampling: every pixel becomes an f×f block. */
    public static NDArray nearest(NDArray x, int f) {
        return f == 1 ? x : x.repeat(2, f).repeat(3, f);
    }

    /** Bilinear upsampling (align_corners = false). */
    public static NDArray bilinear(NDArray x, int f) {
        Shape s = x.getShape();
        // DJL interpolation mode codes: 0 nearest, 1 bilinear, 3 bicubic (checked in CostAndLayersTest)
        return x.getNDArrayInternal().interpolation(new long[] {s.get(2) * f, s.get(3) * f}, 1, false);
    }

    /** Pixel shuffle: (N, C·r², H, W) → (N, C, H·r, W·r), channel c·r²+i·r+j → offset (i, j). */
    public static NDArray pixelShuffle(NDArray x, int r) {
        Shape s = x.getShape();
        long c = s.get(1) / ((long) r * r);
        if (c * r * r != s.get(1)) {
            throw new IllegalArgumentException("pixel shuffle needs channels divisible by r²=" + (r * r) + ", got " + s.get(1));
        }
        return x.reshape(s.get(0), c, r, r, s.get(2), s.get(3))
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(s.get(0), c, s.get(2) * r, s.get(3) * r);
    }
}
