package io.jnas.data.reduce;

import io.jnas.data.ImageData;

/**
 * The fallback encoder when no image model is given: the image averaged down to an s×s grid
 * per channel, pixel values in [0, 1]. Coarse, but it groups images by colour and layout.
 */
public final class PixelEncoder implements ImageEncoder {
    private final int grid;

    public PixelEncoder(int grid) {
        this.grid = grid;
    }

    @Override
    public float[][] encode(ImageData data, int[] indices) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        byte[] img = new byte[data.imageBytes()];
        float[][] out = new float[indices.length][c * grid * grid];
        for (int k = 0; k < indices.length; k++) {
            data.copyImage(indices[k], img, 0);
            float[] code = out[k];
            int[] counts = new int[code.length];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int cell = ch * grid * grid + (y * grid / h) * grid + (x * grid / w);
                        code[cell] += (img[ch * h * w + y * w + x] & 0xff) / 255f;
                        counts[cell]++;
                    }
                }
            }
            for (int i = 0; i < code.length; i++) {
                code[i] /= Math.max(1, counts[i]);
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "raw pixels averaged to " + grid + "x" + grid + " (fallback: no encoder model given)";
    }
}
