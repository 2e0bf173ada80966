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

    /**
     * The type of the state this strategy keeps between rounds, which a search checkpoints ({@link #state()}) and a
     * resumed search gives back ({@link #restore}); null (the default) when the replayed scores are all it needs (MOEA
     * Framework's {@code Stateful} is the model).
     */
    default Class<? extends Record> stateType() {
        return null;
    }

    /** The state after the last finished round, a record Jackson writes; null when {@link #stateType()} is. */
    default Record state() {
        return null;
    }

    /** Continues from a checkpointed {@link #state()}; returns the round to run next. */
    default int restore(Record state) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no state to restore");
    }

    /** Hands the strategy what the search offers it; a strategy that needs none of it ignores it (the default). */
    default void attach(Hooks<A> hooks) {
    }

    /**
     * What the search ends with when it is not simply every told score: the archive the strategy kept (its members'
     * scores may have been updated, e.g. after NAT re-evaluates its archive on an adapted super-network) and a quality
     * trace per round (NAT's hypervolume). Null (the default): every told architecture, in order.
     */
    default Outcome<A> outcome() {
        return null;
    }

    /**
     * What a search offers a strategy.
     *
     * @param checkpoint saves the strategy's state (with the evaluator's weights) whenever the strategy says it changed
     * @param adapter adapts what scores candidates (a super-network) by training architectures the strategy samples
     * @param log progress lines
     * @param candidates extra predictor inputs and the pool to choose from, for a strategy that reads them
     */
    record Hooks<A>(Checkpoint checkpoint, Adapter<A> adapter, java.util.function.Consumer<String> log,
            Candidates<A> candidates) {
        /** Hooks without knowledge of candidates beyond the space. */
        public Hooks(Checkpoint checkpoint, Adapter<A> adapter, java.util.function.Consumer<String> log) {
            this(checkpoint, adapter, log, Candidates.none());
        }
    }

    /**
     * What a search knows of candidates beyond their space: more inputs for a strategy's predictor (e.g. zero-cost
     * proxies, graph features) and, when those are known only for some architectures, the pool the strategy chooses
     * from.
     *
     * @param features extra predictor inputs of an architecture (the same length for every architecture)
     * @param pool the architectures a strategy may propose; empty: any of the space
     * @param costly true when a feature costs real time (a proxy computed on demand): a strategy then computes them
     *     for a shortlist, not for every architecture it considers
     */
    record Candidates<A>(java.util.function.Function<A, double[]> features, List<A> pool, boolean costly) {
        public Candidates {
            pool = List.copyOf(pool);
        }

        /** Features that cost nothing, or known for a pool. */
        public Candidates(java.util.function.Function<A, double[]> features, List<A> pool) {
            this(features, pool, false);
        }

        /** No extra inputs, any architecture. */
        public static <A> Candidates<A> none() {
            return new Candidates<>(a -> new double[0], List.of());
        }

        /** True when proposals must come from {@link #pool}. */
        public boolean pooled() {
            return !pool.isEmpty();
        }
    }

    /** True when this strategy reads {@link Hooks#candidates()} (a predictor's inputs, a pool); false by default. */
    default boolean readsCandidates() {
        return false;
    }

    /** Saves a strategy's state. */
    interface Checkpoint {
        void save(Record state) throws java.io.IOException;
    }

    /** Adapts what scores candidates (the super-network) by training architectures drawn from {@code sampler}. */
    interface Adapter<A> {
        void adapt(java.util.function.Function<java.util.SplittableRandom, A> sampler, int round) throws java.io.IOException;
    }

    /**
     * A strategy's final archive and trace.
     *
     * @param archive the architectures kept, with their final scores and the round each entered
     * @param trace a quality per round (hypervolume), or empty
     * @param evaluated how many architectures were scored
     */
    record Outcome<A>(List<Kept<A>> archive, List<Double> trace, int evaluated) {
    }

    /** An archive member: architecture, final score (accuracy in %, higher is better) and the round it entered. */
    record Kept<A>(A arch, double score, int round) {
    }
}
