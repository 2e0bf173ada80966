package io.jnas.data;

import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a trained network expects of an image: its size and channels, the normalisation of the data it trained on
 * (pixel / 255 − mean) / std per channel, and the class names in label order. Written next to the weights as
 * {@value #FILE} so that an exported model can carry it.
 */
public record Preprocessing(int channels, int height, int width, float[] mean, float[] std, List<String> classes) {
    public static final String FILE = "preprocessing.json";

    public Preprocessing {
        if (mean.length != channels || std.length != channels) {
            throw new IllegalArgumentException("normalisation has " + mean.length + " means and " + std.length + " stds for "
                    + channels + " channels");
        }
        classes = List.copyOf(classes);
    }

    /** The images of {@code data} normalised with {@code norm}. */
    public static Preprocessing of(ImageData data, Normalization norm) {
        return new Preprocessing(data.channels(), data.height(), data.width(), norm.mean(), norm.std(), data.classes());
    }

    public Normalization normalization() {
        return new Normalization(mean, std);
    }

    /** Writes {@value #FILE} into {@code dir} (atomically). */
    public void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve(FILE), Json.write(this) + "\n");
    }

    /** Reads {@value #FILE} from {@code dir}; null when there is none. */
    public static Preprocessing readFrom(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        return Files.isRegularFile(f) ? Json.MAPPER.readValue(f.toFile(), Preprocessing.class) : null;
    }
}
