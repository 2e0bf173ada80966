package io.jnas.data;

import java.nio.file.Path;

/**
 * How to find and prepare a data set.
 *
 * @param dataPath explicit folder to look in first ({@code --data}), or null
 * @param download fetch official archives that are not found ({@code --download})
 * @param size resize images to size×size (0 keeps the native size)
 * @param seed seed of any split the reader has to make
 * @param testPerClass Tiny ImageNet without a training split: test images per class
 */
public record DataOptions(Path dataPath, boolean download, int size, long seed, int testPerClass) {
    public DataOptions {
        if (size < 0) {
            throw new IllegalArgumentException("--size must be >= 0, got " + size);
        }
    }

    /** Defaults: no explicit path, no download, native size, seed 0, 10 test images per class. */
    public static DataOptions defaults() {
        return new DataOptions(null, false, 0, 0, 10);
    }

    public DataOptions withDataPath(Path p) {
        return new DataOptions(p, download, size, seed, testPerClass);
    }

    public DataOptions withDownload(boolean d) {
        return new DataOptions(dataPath, d, size, seed, testPerClass);
    }
}
