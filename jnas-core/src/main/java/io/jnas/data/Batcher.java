package io.jnas.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Turns index lists into (images, labels) arrays. Augmentation works on whole uint8 rows
 * (System.arraycopy) before one bulk copy into native memory; scaling and normalisation are
 * tensor operations, so no per-pixel Java work happens on the float path.
 */
public final class Batcher {
    private final ImageData data;
    private final Normalization norm;
    private final Augment augment;

    public Batcher(ImageData data, Normalization norm, Augment augment) {
        this.data = data;
        this.norm = norm;
        this.augment = augment;
    }

    /** A batch: images (B, C, H, W) float32 normalised, labels (B) int32. */
    public record Batch(NDArray x, NDArray y, int size) {
    }

    /** Builds the batch of {@code indices[from, to)} in {@code manager}. */
    public Batch batch(NDManager manager, int[] indices, int from, int to, SplittableRandom random) {
        int b = to - from;
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        int per = data.imageBytes();
        ByteBuffer buf = ByteBuffer.allocateDirect(b * per);
        byte[] img = new byte[per];
        byte[] out = new byte[per];
        int[] labels = new int[b];
        for (int k = 0; k < b; k++) {
            int i = indices[from + k];
            labels[k] = data.label(i);
            if (augment.cropPadding() > 0 || augment.flip()) {
                data.copyImage(i, img, 0);
                cropFlip(img, out, c, h, w, random);
                buf.put(out);
            } else {
                data.copyImage(i, img, 0);
                buf.put(img);
            }
        }
        buf.flip();
        NDArray u8 = manager.create(buf, new Shape(b, c, h, w), DataType.UINT8);
        NDArray x = u8.toType(DataType.FLOAT32, false).divi(255f);
        u8.close();
        NDArray mean = manager.create(norm.mean(), new Shape(1, c, 1, 1));
        NDArray std = manager.create(norm.std(), new Shape(1, c, 1, 1));
        x = x.subi(mean).divi(std);
        if (augment.cutout() > 0) {
            x = x.muli(cutoutMask(manager, b, h, w, augment.cutout(), random));
        }
        NDArray y = manager.create(labels);
        return new Batch(x, y, b);
    }

    private void cropFlip(byte[] src, byte[] dst, int c, int h, int w, SplittableRandom r) {
        int pad = augment.cropPadding();
        int dy = pad > 0 ? r.nextInt(2 * pad + 1) - pad : 0;
        int dx = pad > 0 ? r.nextInt(2 * pad + 1) - pad : 0;
        boolean flip = augment.flip() && r.nextBoolean();
        java.util.Arrays.fill(dst, (byte) 0);
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, w - dx);
        for (int ch = 0; ch < c; ch++) {
            int plane = ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                if (sy < 0 || sy >= h || x1 <= x0) {
                    continue;
                }
                System.arraycopy(src, plane + sy * w + x0 + dx, dst, plane + y * w + x0, x1 - x0);
            }
            if (flip) {
                for (int y = 0; y < h; y++) {
                    int row = plane + y * w;
                    for (int a = 0, b = w - 1; a < b; a++, b--) {
                        byte t = dst[row + a];
                        dst[row + a] = dst[row + b];
                        dst[row + b] = t;
                    }
                }
            }
        }
    }

    private static NDArray cutoutMask(NDManager m, int b, int h, int w, int size, SplittableRandom r) {
        float[] mask = new float[b * h * w];
        java.util.Arrays.fill(mask, 1f);
        for (int k = 0; k < b; k++) {
            int cy = r.nextInt(h);
            int cx = r.nextInt(w);
            int y0 = Math.max(0, cy - size / 2);
            int y1 = Math.min(h, cy + size / 2);
            int x0 = Math.max(0, cx - size / 2);
            int x1 = Math.min(w, cx + size / 2);
            for (int y = y0; y < y1; y++) {
                java.util.Arrays.fill(mask, k * h * w + y * w + x0, k * h * w + y * w + Math.max(x0, x1), 0f);
            }
        }
        return m.create(mask, new Shape(b, 1, h, w));
    }

    public ImageData data() {
        return data;
    }
}
