package io.jnas.space;

/**
 * The cheap objectives of an architecture for a fixed input (channels, classes, size): parameters and
 * multiply-accumulates of its network. Analytic or memoised, so a search can ask for thousands.
 *
 * @param <A> the architecture record type
 */
public interface CostModel<A> {

    /** Trainable parameters of {@code arch}'s network. */
    long params(A arch);

    /** Multiply-accumulates of {@code arch}'s network for one image. */
    long macs(A arch);

    /** Predicted milliseconds of {@code arch}'s network on the search's device; only where a latency model was given. */
    default double latencyMs(A arch) {
        throw new UnsupportedOperationException("no latency model was given to this search (jnas search nat builds one "
                + "when --objectives includes latency)");
    }

    /** Whether {@code arch} meets the search's constraints (such as --max-latency); all do by default. */
    default boolean feasible(A arch) {
        return true;
    }
}
