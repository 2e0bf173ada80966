package io.jnas.data.reduce;

import io.jnas.data.ImageData;

/** Maps images to fixed-length codes (feature vectors) for clustering. */
public interface ImageEncoder extends AutoCloseable {

    /** Codes of the images at {@code indices}, one row each. */
    float[][] encode(ImageData data, int[] indices);

    /** A description for logs and manifests, e.g. the model file. */
    String describe();

    @Override
    default void close() {
    }
}
