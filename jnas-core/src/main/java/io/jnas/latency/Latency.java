package io.jnas.latency;

import io.jnas.space.LatencyModel;

/**
 * A space's latency model on this device together with the means to measure: what a search predicts with and what
 * its final front is measured with.
 *
 * @param <A> the architecture record type
 */
public interface Latency<A> extends LatencyModel<A>, AutoCloseable {

    /** Measures {@code arch}'s whole network now (not from the model). */
    Measurement measure(A arch);

    /** The model's stored measurements. */
    LatencyTable table();

    /** The device the model and the measurements describe. */
    default Device device() {
        return table().device();
    }

    /** Where the model's measurements are stored. */
    default java.nio.file.Path file() {
        return table().file();
    }

    @Override
    void close();
}
