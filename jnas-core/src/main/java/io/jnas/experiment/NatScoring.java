package io.jnas.experiment;

import ai.djl.ndarray.NDArray;
import io.jnas.estimate.Estimator;
import io.jnas.run.RunDir;
import io.jnas.search.nat.Member;
import io.jnas.space.CostModel;
import io.jnas.space.EncodedSpace;
import io.jnas.train.Checkpoints;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How a NAT search scores candidates: the space and its cost, the estimator, the adaptation between iterations,
 * the tensors a checkpoint must hold, and the front's final test.
 *
 * @param <A> architecture type
 */
interface NatScoring<A> extends AutoCloseable {

    EncodedSpace<A> space();

    CostModel<A> cost();

    /** Scores a candidate (accuracy in %) in the scorer's current state. */
    Estimator<A> estimator();

    /** The estimator's context when an estimator of the registry scores (its tasks can run elsewhere), else null. */
    default io.jnas.estimate.EstimatorContext<A> context() {
        return null;
    }

    /**
     * The latency model of this search's networks on this device under {@code options}, built (or completed) by
     * measurement now; a cell space's model from {@code cells} measured cells.
     */
    default io.jnas.latency.Latency<A> latency(io.jnas.latency.MeasureOptions options, int cells,
            java.util.function.Consumer<String> log) throws IOException {
        throw new IllegalArgumentException(describe() + " has no latency model; search with --objectives error,params,macs");
    }

    /** One line saying what scores. */
    String describe();

    /** Adapts the scorer after an iteration (NAT's super-network adaptation); nothing by default. */
    default void adapt(Function<SplittableRandom, A> sampler, int iteration) throws IOException {
    }

    /** Tensors a checkpoint holds besides the search state (the adapted super-network). */
    default Map<String, Map<String, NDArray>> tensors() {
        return Map.of();
    }

    /** Restores what {@link #tensors} saved. */
    default void restore(Checkpoints.Restored<?> checkpoint) {
    }

    /**
     * The front's rows for the result: {@code arch}, {@code error} (test error where the scorer has a test split,
     * else the search's), {@code params}, {@code macs}, and whatever else the scorer adds; exports the first
     * {@code export} members with their weights where it can.
     */
    List<NatResult.FrontMember> finish(List<Member<A>> front, RunDir run, int export) throws IOException;

    @Override
    default void close() {
    }
}
