package io.jnas.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps up to N calls in flight and gives back their results in call order: the one way jnas runs independent jobs at
 * once (a search round's candidates, MOTE's top-k validations, an estimate's tasks on an {@link Engine}). With N = 1
 * the jobs run in order on the calling thread, deterministic and cheapest when each job already uses every core.
 */
public final class InFlight implements AutoCloseable {
    private final int slots;
    private final ExecutorService pool;

    /** @param slots how many calls at once (an engine's {@link Engine#parallelism()}) */
    public InFlight(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least 1 call must be in flight, got " + slots);
        }
        this.slots = slots;
        this.pool = slots == 1 ? null : Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "jnas-in-flight");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs every job and returns the results in job order; the first failure is rethrown (an IOException as
     * {@link UncheckedIOException}).
     */
    public <T> List<T> runAll(List<? extends Callable<T>> jobs) {
        List<T> out = new ArrayList<>(jobs.size());
        try {
            if (pool == null) {
                for (Callable<T> j : jobs) {
                    out.add(j.call());
                }
                return out;
            }
            List<Future<T>> fs = new ArrayList<>();
            for (Callable<T> j : jobs) {
                fs.add(pool.submit(j));
            }
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for jobs", e);
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new IllegalStateException("job failed: " + t, t);
    }

    /** How many calls run at once. */
    public int slots() {
        return slots;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
