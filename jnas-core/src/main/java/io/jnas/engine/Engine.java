package io.jnas.engine;

import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import java.io.IOException;
import java.util.Map;

/**
 * Where {@link EvalTask}s run: this process, worker processes on this machine, or the executors of a cluster. A task
 * is data and so is its result; the same task gets the same result wherever it runs (bit-identical at the same thread
 * count). {@link #call} is safe from several threads, so a caller keeps {@link #parallelism()} tasks in flight
 * ({@link InFlight}). Engines are opened by name through {@link Engines}.
 */
public interface Engine extends AutoCloseable {

    /**
     * Scores one task, waiting for a free slot and for the result. A candidate that fails for a reason of its own is a
     * failed result; a lost worker or executor costs a retry, not the task.
     */
    EvalResult call(EvalTask task) throws IOException, InterruptedException;

    /** How many tasks run at once. */
    int parallelism();

    /** What runs the tasks, for a progress line. */
    String describe();

    /**
     * Hands the engine what this process loaded ({@code ctx}: the data, MOTE's reduced data set, a super-network's
     * current weights): an engine whose workers cannot read it where they run ships it (by content hash) and returns
     * the references that go into every task's {@link EvalTask#artifacts()}. The default ships nothing.
     */
    default Map<String, String> ship(EstimatorContext<?> ctx) throws IOException {
        return Map.of();
    }

    /**
     * Whether this engine scores in this process with the very estimators the caller built: the caller then asks them
     * directly ({@link Engines#scorer}), with their replay and pool state, instead of describing each candidate as a
     * task.
     */
    default boolean here() {
        return false;
    }

    @Override
    void close();
}
