package io.jnas.experiment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.run.RunDir;
import io.jnas.search.Strategy;
import io.jnas.train.Checkpoints;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A strategy's lifecycle in a run, the same for every strategy and every search experiment: the hooks it is given, its
 * state checkpointed (with the evaluator's tensors) whenever it says so, and restored on resume.
 */
final class StrategyRuns {
    private StrategyRuns() {
    }

    /**
     * What the evaluator adds to a strategy's checkpoint: its tensors to save, and how it takes them back.
     *
     * @param tensors the tensor groups saved with the state (none for a table or an estimator)
     * @param restore takes back a checkpoint's tensors before the strategy resumes
     * @param adapter what the strategy may adapt between rounds (a super-network), or a no-op
     */
    record Evaluator<A>(Supplier<Map<String, Map<String, NDArray>>> tensors, Consumer<Checkpoints.Restored<?>> restore,
            Strategy.Adapter<A> adapter) {
        /** An evaluator without tensors and nothing to adapt. */
        static <A> Evaluator<A> stateless() {
            return new Evaluator<>(Map::of, ck -> { }, (sampler, round) -> { });
        }
    }

    /** Attaches the hooks to {@code s}, restores its checkpointed state if {@code run} has one; returns the round to run first. */
    static <A> int start(Strategy<A> s, RunDir run, Evaluator<A> evaluator, Consumer<String> log) throws IOException {
        return start(s, run, evaluator, Strategy.Candidates.none(), log);
    }

    /** As {@link #start(Strategy, RunDir, Evaluator, Consumer)}, with extra predictor inputs and a pool for the strategy. */
    static <A> int start(Strategy<A> s, RunDir run, Evaluator<A> evaluator, Strategy.Candidates<A> candidates,
            Consumer<String> log) throws IOException {
        s.attach(new Strategy.Hooks<>(state -> Checkpoints.save(run, evaluator.tensors().get(), state), evaluator.adapter(), log,
                candidates));
        return s.stateType() == null ? 0 : restore(s, s.stateType(), run, evaluator, log);
    }

    private static <A, S extends Record> int restore(Strategy<A> s, Class<S> type, RunDir run, Evaluator<A> evaluator,
            Consumer<String> log) throws IOException {
        try (NDManager tmp = NDManager.newBaseManager()) {
            var ck = Checkpoints.load(run, tmp, type);
            if (ck.isEmpty()) {
                return 0;
            }
            evaluator.restore().accept(ck.get());
            int next = s.restore(ck.get().state());
            log.accept("resumed after " + (next == 1 ? "the initial round" : "round " + (next - 1)));
            return next;
        }
    }
}
