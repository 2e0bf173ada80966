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
}
