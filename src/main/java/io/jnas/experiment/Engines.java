package io.jnas.experiment;

import io.jnas.estimate.EngineSpec;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.estimate.TaskEngine;
import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Opens the {@link TaskEngine} a run asks for and keeps it busy: worker processes on this machine, or a cluster engine
 * found by {@link ServiceLoader} (Spark, io.jnas.cluster, whose jars are on the class path only when installed).
 */
final class Engines {
    private Engines() {
    }

    /** The engine of {@code spec} (null: candidates are scored in this process); its logs and files go in the run. */
    static TaskEngine open(EngineSpec spec, RunDir run, Consumer<String> log) throws IOException {
        if (!spec.remote()) {
            return null;
        }
        if (!spec.spark()) {
            return new WorkerPool(spec.workers(), spec.threads(), run.file("workers"), log);
        }
        for (TaskEngine.Provider p : ServiceLoader.load(TaskEngine.Provider.class)) {
            if (p.accepts(spec)) {
                return p.open(spec, run.dir(), log);
            }
        }
        throw new IllegalArgumentException("--engine " + spec.engine() + " needs jnas's cluster engine and Spark on the class "
                + "path: run ./jnas (it adds target/spark/jars) or spark-submit with the jnas jar");
    }

    /**
     * The estimator a search scores with: {@code local} itself when there is no engine, else its tasks on the engine,
     * with the data {@code ctx} loaded shipped to it.
     */
    static <A> io.jnas.estimate.Estimator<A> scorer(TaskEngine engine, io.jnas.estimate.Estimator<A> local,
            io.jnas.estimate.EstimatorContext<A> ctx, int threads, java.util.function.Function<A, String> format,
            Consumer<String> log) throws IOException {
        if (engine == null) {
            return local;
        }
        log.accept("candidates are scored on " + engine.describe());
        return new RemoteEstimator<>(local, engine, ctx.spec(), threads, ctx, format, log);
    }

    /** The engine's counts of a scorer from {@link #scorer} (in flight, failed), or nothing for one in this process. */
    static String progress(io.jnas.estimate.Estimator<?> scorer) {
        return scorer instanceof RemoteEstimator<?> r ? r.progress() : "";
    }

    /** Progress counts across the engine: done, running, failed. */
    record Progress(int done, int running, int failed, int total) {
        @Override
        public String toString() {
            return String.format("[%d/%d, %d running, %d failed]", done, total, running, failed);
        }
    }

    /**
     * Runs every task, {@link TaskEngine#parallelism()} at a time; {@code onResult} hears each result as it arrives
     * (one at a time) with the counts after it; returns the results in task order.
     */
    static List<EvalResult> runAll(TaskEngine engine, List<EvalTask> tasks, ResultListener onResult) throws IOException {
        ExecutorService ex = Executors.newFixedThreadPool(Math.max(1, Math.min(engine.parallelism(), tasks.size())));
        int[] counts = new int[3];
        try {
            List<Future<EvalResult>> running = new ArrayList<>();
            for (EvalTask t : tasks) {
                running.add(ex.submit(() -> {
                    synchronized (counts) {
                        counts[1]++;
                    }
                    EvalResult r = engine.call(t);
                    synchronized (counts) {
                        counts[1]--;
                        counts[0]++;
                        counts[2] += r.ok() ? 0 : 1;
                        onResult.accept(r, new Progress(counts[0], counts[1], counts[2], tasks.size()));
                    }
                    return r;
                }));
            }
            List<EvalResult> out = new ArrayList<>();
            for (Future<EvalResult> f : running) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }

    /** Hears one result and the progress after it. */
    interface ResultListener {
        void accept(EvalResult result, Progress progress);
    }
}
