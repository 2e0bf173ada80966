package io.jnas.search;

import io.jnas.estimate.Score;
import java.util.List;

/**
 * A search loop in ask/tell form: the strategy proposes architectures, someone else scores
 * them, the strategy learns from the scores. It knows nothing of how a score is made.
 *
 * @param <A> architecture type
 */
public interface Strategy<A> {

    /** Up to {@code n} architectures to evaluate next (empty when the strategy is finished). */
    List<A> ask(int n);

    /** Reports the score of an architecture returned by {@link #ask}. */
    void tell(A arch, Score score);

    /** The best architecture told so far, or null. */
    Evaluated<A> best();

    /**
     * Takes new scores for every architecture told so far (a pool-dependent estimator re-ranks them all after each
     * round); false when this strategy cannot, and then such an estimator is refused.
     */
    default boolean retell(List<Evaluated<A>> rescored) {
        return false;
    }

    /** An architecture with its score. */
    record Evaluated<A>(A arch, Score score) {
    }
}
