package io.jnas.engine;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.run.Registry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The engines by name ({@code --engine NAME[:ARGS]}): {@code local} and every {@link EngineProvider} declared in
 * {@code META-INF/services} (Spark's, io.jnas.cluster, and any other). Opens a run's engine and turns it into what a
 * search scores with.
 */
public final class Engines {
    private static final Registry<EngineProvider> PROVIDERS = Registry.load("engine", EngineProvider.class, EngineProvider::name);

    private Engines() {
    }

    /** The provider called {@code name}; IllegalArgumentException naming the engines there are. */
    public static EngineProvider provider(String name) {
        return PROVIDERS.get(name);
    }

    /** Every engine name. */
    public static List<String> names() {
        return PROVIDERS.names();
    }

    /** Refuses a spec its engine cannot open (one line naming the option and the fix), else returns it. */
    public static EngineSpec check(EngineSpec spec) {
        provider(spec.name()).check(spec);
        return spec;
    }

    /** Whether {@code spec}'s engine scores in this process with the caller's own estimators (nothing to start). */
    public static boolean here(EngineSpec spec) {
        return provider(spec.name()).here(spec);
    }

    /** The engine of {@code spec}; its logs and shipped files go under {@code runDir}. */
    public static Engine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException {
        EngineProvider p = provider(spec.name());
        p.check(spec);
        return p.open(spec, runDir, log);
    }

    /**
     * What a search scores with on {@code engine}: {@code local} itself when the engine scores here, else each
     * candidate as a task on the engine, with the data {@code ctx} loaded shipped to it.
     */
    public static <A> Estimator<A> scorer(Engine engine, Estimator<A> local, EstimatorContext<A> ctx, int threads,
            Function<A, String> format, Consumer<String> log) {
        if (!engine.here()) {
            log.accept("candidates are scored on " + engine.describe());
        }
        return scorer(engine, local, ctx.spec(), ctx, threads, format, log);
    }

    /** As {@link #scorer(Engine, Estimator, EstimatorContext, int, Function, Consumer)}, the tasks built from {@code spec}. */
    public static <A> Estimator<A> scorer(Engine engine, Estimator<A> local, io.jnas.estimate.EstimatorSpec spec,
            EstimatorContext<A> ctx, int threads, Function<A, String> format, Consumer<String> log) {
        return engine.here() ? local : new EngineEstimator<>(local, engine, spec, threads, ctx, format, log);
    }

    /** The engine's counts of a scorer from {@link #scorer} (in flight, failed), or nothing for one in this process. */
    public static String progress(Estimator<?> scorer) {
        return scorer instanceof EngineEstimator<?> r ? r.progress() : "";
    }

    /** Progress counts across the engine: done, running, failed. */
    public record Progress(int done, int running, int failed, int total) {
        @Override
        public String toString() {
            return String.format("[%d/%d, %d running, %d failed]", done, total, running, failed);
        }
    }

    /**
     * Runs every task, {@link Engine#parallelism()} at a time ({@link InFlight}); {@code onResult} hears each result as
     * it arrives (one at a time) with the counts after it; returns the results in task order.
     */
    public static List<EvalResult> runAll(Engine engine, List<EvalTask> tasks, ResultListener onResult) throws IOException {
        int[] counts = new int[3];
        List<java.util.concurrent.Callable<EvalResult>> jobs = tasks.stream().map(t -> (java.util.concurrent.Callable<EvalResult>) () -> {
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
        }).toList();
        try (InFlight inFlight = new InFlight(Math.max(1, Math.min(engine.parallelism(), tasks.size())))) {
            return inFlight.runAll(jobs);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Hears one result and the progress after it. */
    public interface ResultListener {
        void accept(EvalResult result, Progress progress);
    }
}
