package io.jnas.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Decoding JPEG/PNG files into planar uint8 RGB, and resizing. Used at load time only. */
public final class Images {
    private Images() {
    }

    /** Whether a file name looks like an image jnas reads. */
    public static boolean isImage(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
    }

    /** Decodes and resizes to h×w, returns planar RGB bytes (3·h·w). */
    public static byte[] decodeRgb(String name, byte[] bytes, int h, int w) {
        return decodeRgb(name, bytes, h, w, new int[3]);
    }

    /**
     * As {@link #decodeRgb(String, byte[], int, int)}, and fills {@code found} with the file's own
     * height, width and colour components (1 grey, 3 colour; 4 when it has alpha).
     */
    public static byte[] decodeRgb(String name, byte[] bytes, int h, int w, int[] found) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(name + ": cannot decode image (" + e.getMessage() + "); the file is corrupt");
        }
        if (img == null) {
            throw new DataFormatException(name + ": not a readable JPEG/PNG/BMP image; the file is corrupt or of another format");
        }
        found[0] = img.getHeight();
        found[1] = img.getWidth();
        found[2] = img.getColorModel().getNumComponents();
        if (img.getHeight() != h || img.getWidth() != w) {
            img = resize(img, h, w);
        }
        byte[] out = new byte[3 * h * w];
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int p = y * w + x;
                out[p] = (byte) (rgb >> 16);
                out[plane + p] = (byte) (rgb >> 8);
                out[2 * plane + p] = (byte) rgb;
            }
        }
        return out;
    }

    /** Size (height, width) of an encoded image. */
    public static int[] size(String name, byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new DataFormatException(name + ": not a readable JPEG/PNG/BMP image");
            }
            return new int[] {img.getHeight(), img.getWidth()};
        } catch (IOException e) {
            throw new DataFormatException(name + ": cannot decode image (" + e.getMessage() + ")");
        }
    }

    /** Bilinear resize. */
    public static BufferedImage resize(BufferedImage src, int h, int w) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return dst;
    }

    /** Resizes every image of a set to h×w (bilinear), keeping labels. */
    public static ImageData resize(ImageData data, int h, int w) {
        if (data.height() == h && data.width() == w) {
            return data;
        }
        int c = data.channels();
        byte[] out = new byte[data.size() * c * h * w];
        int[] labels = data.labels();
        java.util.stream.IntStream.range(0, data.size()).parallel().forEach(i -> {
            byte[] src = new byte[data.imageBytes()];
            data.copyImage(i, src, 0);
            BufferedImage img = new BufferedImage(data.width(), data.height(), BufferedImage.TYPE_INT_RGB);
            int plane = data.height() * data.width();
            for (int p = 0; p < plane; p++) {
                int r = src[p] & 0xff;
                int gg = c > 1 ? src[plane + p] & 0xff : r;
                int b = c > 2 ? src[2 * plane + p] & 0xff : r;
                img.setRGB(p % data.width(), p / data.width(), (r << 16) | (gg << 8) | b);
            }
            BufferedImage rs = resize(img, h, w);
            int np = h * w;
            for (int p = 0; p < np; p++) {
                int rgb = rs.getRGB(p % w, p / w);
                out[i * c * np + p] = (byte) (rgb >> 16);
                if (c > 1) {
                    out[i * c * np + np + p] = (byte) (rgb >> 8);
                }
                if (c > 2) {
                    out[i * c * np + 2 * np + p] = (byte) rgb;
                }
            }
        });
        return new ImageData(out, labels, c, h, w, data.classes());
    }
}
