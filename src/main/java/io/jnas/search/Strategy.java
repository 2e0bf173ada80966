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

    /** An architecture with its score. */
    record Evaluated<A>(A arch, Score score) {
    }
}
