package io.jnas.data;

import java.util.Arrays;
import java.util.List;

/**
 * Images held as uint8 in one array, N×C×H×W in channel-planar order, with integer labels.
 * Immutable; subsets copy. A CIFAR-10 training set takes 150 MB.
 */
public final class ImageData {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classes;

    public ImageData(byte[] pixels, int[] labels, int channels, int height, int width, List<String> classes) {
        long per = (long) channels * height * width;
        if (per <= 0 || pixels.length != per * labels.length) {
            throw new IllegalArgumentException("image data of " + labels.length + " labels needs "
                    + per * labels.length + " bytes for " + channels + "x" + height + "x" + width + " images, got "
                    + pixels.length);
        }
        for (int l : labels) {
            if (l < 0 || l >= classes.size()) {
                throw new IllegalArgumentException("label " + l + " outside 0.." + (classes.size() - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = List.copyOf(classes);
    }

    /**
     * {@code n} RGB images of size×size whose pixels are seeded uniform noise, labelled 0..9 in turn (classes c0..c9):
     * inputs for speed measurements, where only the shapes matter.
     */
    public static ImageData noise(int n, int size, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] px = new byte[n * 3 * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(256);
        }
        List<String> classes = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            classes.add("c" + i);
        }
        return new ImageData(px, labels, 3, size, size, classes);
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int imageBytes() {
        return channels * height * width;
    }

    public List<String> classes() {
        return classes;
    }

    public int numClasses() {
        return classes.size();
    }

    public int label(int i) {
        return labels[i];
    }

    /** Labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Raw pixel storage; callers must not modify it. */
    byte[] raw() {
        return pixels;
    }

    /** Copies image {@code i} into {@code dst} at {@code offset}. */
    public void copyImage(int i, byte[] dst, int offset) {
        System.arraycopy(pixels, i * imageBytes(), dst, offset, imageBytes());
    }

    /** The images at {@code indices}, in that order. */
    public ImageData subset(int[] indices) {
        int per = imageBytes();
        byte[] p = new byte[indices.length * per];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * per, p, k * per, per);
            l[k] = labels[indices[k]];
        }
        return new ImageData(p, l, channels, height, width, classes);
    }

    /** Images per class. */
    public int[] classCounts() {
        int[] c = new int[classes.size()];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** Concatenates two sets of the same geometry and classes. */
    public static ImageData concat(ImageData a, ImageData b) {
        if (a.channels != b.channels || a.height != b.height || a.width != b.width || !a.classes.equals(b.classes)) {
            throw new IllegalArgumentException("cannot concatenate image sets of different geometry or classes");
        }
        byte[] p = Arrays.copyOf(a.pixels, a.pixels.length + b.pixels.length);
        System.arraycopy(b.pixels, 0, p, a.pixels.length, b.pixels.length);
        int[] l = Arrays.copyOf(a.labels, a.labels.length + b.labels.length);
        System.arraycopy(b.labels, 0, l, a.labels.length, b.labels.length);
        return new ImageData(p, l, a.channels, a.height, a.width, a.classes);
    }
}
