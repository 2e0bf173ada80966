package io.jnas.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed thread pool on this machine. With one thread, jobs run in order on the calling
 * thread (deterministic and cheapest when each job already uses all cores through libtorch).
 */
public final class LocalEngine implements ExecutionEngine {
    private final int threads;
    private final ExecutorService pool;

    public LocalEngine(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the local engine needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "jnas-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
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
        return new IllegalStateException("job failed: " + t, t);
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
