package io.jnas.space;

/**
 * Predicted latency of an architecture's network on one device (milliseconds per call at a fixed batch and thread
 * count), from a model built by measurement; cheap enough for a search to ask thousands of times.
 *
 * @param <A> the architecture record type
 */
public interface LatencyModel<A> {

    /** Predicted milliseconds of one call of {@code arch}'s network. */
    double predictMs(A arch);
}
