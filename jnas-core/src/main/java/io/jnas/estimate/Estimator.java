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

    /**
     * How the value ranks the architecture against the others scored so far, for an estimator whose value depends on
     * that pool (a rank ensemble); null for an estimator that scores each architecture on its own.
     */
    default RankRule pooled() {
        return null;
    }

    /** Told of an earlier run's score (replayed on resume), so that a pool-dependent estimator counts it. */
    default void replayed(A arch, Score score) {
    }
}
