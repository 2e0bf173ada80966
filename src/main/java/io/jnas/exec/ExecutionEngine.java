package io.jnas.exec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs independent jobs (candidate evaluations). Strategies submit work only through this
 * interface, so a cluster engine can replace the local one without touching them.
 */
public interface ExecutionEngine extends AutoCloseable {

    /** Runs every job and returns the results in job order; the first failure is rethrown. */
    <T> List<T> runAll(List<? extends Callable<T>> jobs);

    /** How many jobs run at once. */
    int parallelism();

    @Override
    void close();
}
