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

    /** A one-line description: sizes, geometry, classes. */
    public String describe() {
        return String.format("%s: %d train / %d test images, %dx%dx%d, %d classes (from %s)", name, train.size(),
                test.size(), train.channels(), train.height(), train.width(), numClasses(), source);
    }
}
