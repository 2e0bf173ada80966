package io.jnas.data;

/**
 * A named data set with its training and test images.
 *
 * @param name what the user asked for (e.g. {@code cifar10}, {@code imagefolder:/data/x})
 * @param source where it was read from
 * @param train training images
 * @param test test images
 */
public record Dataset(String name, String source, ImageData train, ImageData test) {
    public Dataset {
        if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException("train and test images of " + name + " differ in size");
        }
    }

    public int numClasses() {
        return train.numClasses();
    }

    /** The same facts as fields: dataset, source, train, test, shape (CxHxW), classes. */
    public java.util.Map<String, Object> summary() {
        java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("dataset", name);
        r.put("source", source);
        r.put("train", train.size());
        r.put("test", test.size());
        r.put("shape", train.channels() + "x" + train.height() + "x" + train.width());
        r.put("classes", numClasses());
        return r;
    }

    /** A one-line description: sizes, geometry, classes. */
    public String describe() {
        return String.format("%s: %d train / %d test images, %dx%dx%d, %d classes (from %s)", name, train.size(),
                test.size(), train.channels(), train.height(), train.width(), numClasses(), source);
    }

    /** Writes the images in jnas's data file format (a JSON header, then labels and uint8 pixels per split), atomically. */
    public void write(java.nio.file.Path file) {
        DecodedCache.write(file, this);
    }

    /** A data set written by {@link #write}; IllegalArgumentException when the file is not one. */
    public static Dataset read(java.nio.file.Path file) {
        Dataset d = DecodedCache.read(file);
        if (d == null) {
            throw new IllegalArgumentException(file + " is not a jnas data file (or it is damaged)");
        }
        return d;
    }
}
