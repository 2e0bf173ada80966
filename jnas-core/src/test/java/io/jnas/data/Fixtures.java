package io.jnas.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Small data files in the official formats, written by the tests themselves. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Pixel value of image i at (c, p): depends on the label so that classes are learnable. */
    static int pixel(int label, int i, int c, int p) {
        return (label * 23 + c * 50 + (p % 7) * 3 + i % 5) & 0xff;
    }

    /** Writes IDX image and label files (gzipped or not). */
    public static void idx(Path dir, String prefix, int n, int h, int w, int classes, boolean gzip) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer img = ByteBuffer.allocate(16 + n * h * w);
        img.putInt(0x803).putInt(n).putInt(h).putInt(w);
        ByteBuffer lab = ByteBuffer.allocate(8 + n);
        lab.putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            int l = i % classes;
            lab.put((byte) l);
            for (int p = 0; p < h * w; p++) {
                img.put((byte) pixel(l, i, 0, p));
            }
        }
        String ext = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + ext), img.array(), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + ext), lab.array(), gzip);
    }

    static void write(Path f, byte[] data, boolean gzip) throws IOException {
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            o.write(data);
        }
    }

    /** One CIFAR binary batch of n records with {@code labelBytes} label bytes. */
    public static byte[] cifarBatch(int n, int labelBytes, int classes, int offset) {
        int rec = labelBytes + 3072;
        byte[] b = new byte[n * rec];
        for (int i = 0; i < n; i++) {
            int l = (i + offset) % classes;
            for (int k = 0; k < labelBytes; k++) {
                b[i * rec + k] = (byte) (k == labelBytes - 1 ? l : l / 5);
            }
            for (int p = 0; p < 3072; p++) {
                b[i * rec + labelBytes + p] = (byte) pixel(l, i, p / 1024, p % 1024);
            }
        }
        return b;
    }

    /** An encoded PNG of size h×w whose colour encodes the label. */
    public static byte[] png(int label, int h, int w) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (label * 40 << 16) | ((x * 8) << 8) | (y * 8));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Writes a tar.gz of the given (path → bytes) entries. */
    public static void tarGz(Path file, Map<String, byte[]> entries) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(Files.newOutputStream(file)))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(e.getValue().length);
                tar.putArchiveEntry(te);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
    }

    /** Cuts a file to {@code keep} bytes. */
    public static void truncate(Path f, int keep) throws IOException {
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, keep));
    }

    /** Two learnable classes of 3×size×size images (row or column gradients in noise). */
    public static ImageData stripes(int n, int size, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        byte[] px = new byte[n * 3 * size * size];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 3 * size * size; p++) {
                int y = (p / size) % size;
                px[i * 3 * size * size + p] = (byte) ((labels[i] == 0 ? y * 20 : (p % size) * 20) + r.nextInt(40));
            }
        }
        return new ImageData(px, labels, 3, size, size, java.util.List.of("rows", "cols"));
    }
}
