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
}
