package io.jnas.engine;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.estimate.RankRule;
import io.jnas.estimate.Score;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An estimator whose scores come from a {@link Engine}: each estimate is a task sent to an idle worker. A
 * candidate that fails for a reason of its own scores −∞ (it ranks last and the search goes on) and is logged.
 *
 * @param <A> architecture type
 */
final class EngineEstimator<A> implements Estimator<A> {
    private final Estimator<A> local;
    private final Engine pool;
    private final io.jnas.estimate.EstimatorContext<A> ctx;
    private Map<String, String> shipped;
    private int shippedVersion = -1;
    private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
    private final EstimatorSpec spec;
    private final int threads;
    private final Function<A, String> text;
    private final Consumer<String> log;

    /**
     * @param local the same estimator built here (its name and, for a pool-dependent one, its rule)
     * @param spec what the workers build (its single estimator is {@code local}'s)
     * @param ctx what this process loaded, shipped to the workers ({@link Engine#ship}) again whenever its
     *        super-network's weights changed
     */
    EngineEstimator(Estimator<A> local, Engine pool, EstimatorSpec spec, int threads,
            io.jnas.estimate.EstimatorContext<A> ctx, Function<A, String> text, Consumer<String> log) {
        this.ctx = ctx;
        this.local = local;
        this.pool = pool;
        this.spec = spec;
        this.threads = threads;
        this.text = text;
        this.log = log;
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public RankRule pooled() {
        return local.pooled();
    }

    private synchronized Map<String, String> shipped() throws IOException {
        if (shippedVersion != ctx.version()) {
            shipped = pool.ship(ctx);
            shippedVersion = ctx.version();
        }
        return shipped;
    }

    @Override
    public Score estimate(A arch) {
        EvalResult r;
        running.incrementAndGet();
        try {
            r = pool.call(new EvalTask(spec, text.apply(arch), threads, shipped()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring " + text.apply(arch), e);
        } finally {
            running.decrementAndGet();
        }
        if (!r.ok()) {
            failed.incrementAndGet();
            log.accept(r.arch() + " failed on " + r.host() + ": " + r.error() + " (scored -inf)");
            return new Score(Double.NEGATIVE_INFINITY, Map.of(), r.seconds());
        }
        return r.score(spec.estimators().get(0));
    }

    /** Candidates in flight on the engine and failed so far, for a progress line. */
    String progress() {
        return String.format("  (%d running, %d failed)", running.get(), failed.get());
    }
}
