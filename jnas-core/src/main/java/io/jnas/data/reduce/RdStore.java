package io.jnas.data.reduce;

import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes a reduced dataset once as an image folder ({@code train/CLASS/i.png},
 * {@code test/CLASS/i.png}, {@code manifest.json}) and recognises it on later runs: the same
 * manifest means the folder is reused as it is.
 */
public final class RdStore {
    private RdStore() {
    }

    /** Whether {@code dir} holds a complete RD written with this manifest. */
    public static boolean matches(Path dir, Map<String, Object> manifest) throws IOException {
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        Map<?, ?> old = Json.MAPPER.readValue(m.toFile(), Map.class);
        return Json.write(old).equals(Json.write(manifest));
    }

    /** Writes the selection; the manifest goes last, so a half-written folder never matches. */
    public static void write(Path dir, Dataset source, ReducedDataset.Selection sel, Map<String, Object> manifest)
            throws IOException {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("manifest.json"));
        writeSplit(dir.resolve("train"), source.train(), sel.train());
        writeSplit(dir.resolve("test"), source.test(), sel.test());
        Map<String, Object> full = new LinkedHashMap<>(manifest);
        AtomicFiles.writeString(dir.resolve("manifest.json"), Json.write(full));
    }

    private static void writeSplit(Path dir, ImageData data, int[] idx) throws IOException {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        byte[] px = new byte[data.imageBytes()];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            data.copyImage(i, px, 0);
            BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < h * w; p++) {
                int r = px[p] & 0xff;
                int g = c > 1 ? px[h * w + p] & 0xff : r;
                int b = c > 2 ? px[2 * h * w + p] & 0xff : r;
                img.setRGB(p % w, p / w, (r << 16) | (g << 8) | b);
            }
            String cls = data.classes().get(data.label(i)).replaceAll("[^A-Za-z0-9_.-]", "_");
            Path f = dir.resolve(cls).resolve(i + ".png");
            Files.createDirectories(f.getParent());
            ImageIO.write(img, "png", f.toFile());
        }
    }
}
