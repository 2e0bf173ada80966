package io.jnas.space;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A search space: what architectures exist and how to move between them. It knows nothing of
 * tensors or training. Architectures are immutable records with one canonical text form.
 *
 * @param <A> the architecture record type
 */
public interface SearchSpace<A> {

    /** Short name used on the command line, e.g. {@code nb201}. */
    String name();

    /** Parses the canonical text form; throws IllegalArgumentException naming the bad token. */
    A parse(String text);

    /** The canonical text form; {@code parse(format(a)).equals(a)}. */
    String format(A arch);

    /** A uniformly random architecture. */
    A sample(SplittableRandom random);

    /** A random architecture at distance one (one gene changed). */
    A mutate(A arch, SplittableRandom random);

    /** All architectures at distance one, in a fixed order. */
    List<A> neighbours(A arch);

    /** Integer encoding (one gene per position). */
    int[] encode(A arch);

    /** Inverse of {@link #encode}; throws IllegalArgumentException for an invalid code. */
    A decode(int[] code);

    /**
     * What a linear latency model of the space's networks reads (io.jnas.latency.CellLatency): indicators or counts of
     * the operations that make the cost, without an intercept; none by default (no such model for the space).
     */
    default double[] latencyFeatures(A arch) {
        return new double[0];
    }

    /** Pictures of {@code arch} for reports, as Graphviz DOT text by name (e.g. "normal", "reduce"); none by default. */
    default Map<String, String> diagrams(A arch) {
        return Map.of();
    }
}
