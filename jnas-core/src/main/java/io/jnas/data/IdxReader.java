package io.jnas.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** Reads MNIST-style IDX files (gzipped or not): uint8 images (magic 2051) and labels (2049). */
public final class IdxReader {
    private IdxReader() {
    }

    /** Reads an image file and its label file into one image set (1 channel). */
    public static ImageData read(Path images, Path labels, List<String> classes) throws IOException {
        byte[] img = Archive.readMaybeGzip(images);
        byte[] lab = Archive.readMaybeGzip(labels);
        ByteBuffer bi = ByteBuffer.wrap(img);
        ByteBuffer bl = ByteBuffer.wrap(lab);
        if (img.length < 16 || bi.getInt(0) != 0x00000803) {
            throw new DataFormatException(images, "not an IDX image file (bad magic number); expected 0x00000803");
        }
        if (lab.length < 8 || bl.getInt(0) != 0x00000801) {
            throw new DataFormatException(labels, "not an IDX label file (bad magic number); expected 0x00000801");
        }
        int n = bi.getInt(4);
        int h = bi.getInt(8);
        int w = bi.getInt(12);
        int nl = bl.getInt(4);
        if (n != nl) {
            throw new DataFormatException(labels, "holds " + nl + " labels but " + images.getFileName() + " holds " + n + " images");
        }
        long need = 16L + (long) n * h * w;
        if (img.length < need) {
            throw new DataFormatException(images, "is truncated: " + img.length + " bytes, header promises " + need);
        }
        if (lab.length < 8L + n) {
            throw new DataFormatException(labels, "is truncated: " + lab.length + " bytes, header promises " + (8L + n));
        }
        byte[] pixels = new byte[n * h * w];
        System.arraycopy(img, 16, pixels, 0, pixels.length);
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = lab[8 + i] & 0xff;
            if (l[i] >= classes.size()) {
                throw new DataFormatException(labels, "label " + l[i] + " at index " + i + " exceeds the "
                        + classes.size() + " classes");
            }
        }
        return new ImageData(pixels, l, 1, h, w, classes);
    }
}
