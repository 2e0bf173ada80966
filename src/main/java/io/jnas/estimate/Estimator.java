package io.jnas.estimate;

/**
 * Scores an architecture (training, a proxy, a table look-up). It knows nothing of the
 * strategy that asks. Implementations must be safe to call from several threads when the
 * execution engine runs them in parallel, or say otherwise in {@link #parallelSafe()}.
 *
 * @param <A> architecture type
 */
public interface Estimator<A> {

    /** Short name used in output columns, e.g. {@code params}, {@code mote}. */
    String name();

    /** Scores {@code arch}; larger is better. */
    Score estimate(A arch);

    /** Whether several estimates may run at once. */
    default boolean parallelSafe() {
        return true;
    }
}
