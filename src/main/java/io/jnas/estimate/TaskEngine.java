package io.jnas.estimate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where {@link EvalTask}s run outside the driver: worker processes on this machine or the executors of a cluster. A
 * task is data and so is its result; the same task gets the same result wherever it runs (bit-identical at the same
 * thread count). {@link #call} is safe from several threads, so a caller keeps {@link #parallelism()} tasks in flight.
 */
public interface TaskEngine extends AutoCloseable {

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
     * What the workers cannot read where they run: the data and reduced data set {@code ctx} loaded, shipped by
     * content hash; the references go into every task's {@link EvalTask#artifacts()}. Workers on this machine read
     * the files named in the spec themselves (the default: nothing is shipped).
     */
    default Map<String, String> ship(EstimatorContext<?> ctx) throws IOException {
        return Map.of();
    }

    @Override
    void close();

    /** An engine found at run time by {@link java.util.ServiceLoader} (the cluster engines, whose libraries are optional). */
    interface Provider {
        /** Whether this provider opens {@code spec}'s engine. */
        boolean accepts(EngineSpec spec);

        /** Opens the engine; {@code runDir} holds its logs and shipped files; IllegalArgumentException on bad input. */
        TaskEngine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException;
    }
}
