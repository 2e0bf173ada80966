package io.jnas.experiment;

import io.jnas.run.RunStatus;
import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.Estimators;
import io.jnas.estimate.Nb201Table;
import io.jnas.estimate.TableEstimator;
import io.jnas.engine.Engine;
import io.jnas.engine.Engines;
import io.jnas.engine.InFlight;
import io.jnas.report.Report;
import io.jnas.run.RunDir;
import io.jnas.search.SearchLoop;
import io.jnas.search.Strategies;
import io.jnas.search.Strategy;
import io.jnas.search.TopK;
import io.jnas.space.SearchSpace;
import io.jnas.space.nb201.Nb201Cell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code search-mote}: a strategy (MOTE-NAS evolution by default) scored by one estimator (MOTE by default). Every
 * score is appended to metrics.jsonl; a resumed search replays them and scores only the rest. The result is the
 * best by the estimate (MOTE-NAS-EF) or the best of the top k by a NAS-Bench-201 validation column (MOTE-NAS's
 * 12-epoch validation, read from the table: no training time is counted).
 */
public final class SearchExperiment implements Experiment<SearchRun, SearchResult> {
    @Override
    public String name() {
        return "search-mote";
    }

    @Override
    public Class<SearchRun> configType() {
        return SearchRun.class;
    }

    @Override
    public Class<SearchResult> resultType() {
        return SearchResult.class;
    }

    @Override
    public long seed(SearchRun c) {
        return c.strategy().seed();
    }

    @Override
    public Prepared<SearchResult> prepare(SearchRun c, Consumer<String> log) throws IOException {
        EstimatorContext<Object> ctx = EstimatorContext.open(Estimators.scoring(c.estimator()), log);
        if (c.estimator().table() != null) {
            ctx.table();
        }
        if (ctx.hasData()) {
            ctx.preload();
        }
        Estimator<Object> estimator = ctx.shared(c.estimator().estimators().get(0));
        return run -> {
            try (ctx) {
                ctx.runDir(run.dir());
                return execute(c, ctx, estimator, run, log);
            }
        };
    }

    /** The returned architecture: the best estimate, or the best validation of the top k (their rows into {@code rows}). */
    private static <A> A select(SearchRun c, List<Strategy.Evaluated<A>> all, Estimator<A> validator, InFlight engine,
            SearchSpace<A> space, String estimatorName, List<Map<String, Object>> rows) {
        if (c.selection().equals("best")) {
            return TopK.best(all, 1).get(0).arch();
        }
        List<TopK.Candidate<A>> validated = TopK.validate(all, c.k(), validator, engine);
        for (TopK.Candidate<A> v : validated) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arch", space.format(v.arch()));
            m.put(estimatorName, v.estimate());
            m.put(c.validation(), v.validation());
            rows.add(m);
        }
        return TopK.chosen(validated).arch();
    }

    /**
     * What validates the top k: a NAS-Bench-201 table column, or real training ({@code trained}: each candidate a task on
     * the engine when there is one). Null when the best estimate is returned.
     */
    @SuppressWarnings("unchecked")
    private static <A> Estimator<A> validator(SearchRun c, EstimatorContext<A> ctx, Nb201Table table, Engine pool,
            SearchSpace<A> space, Consumer<String> log) {
        if (c.selection().equals("best")) {
            return null;
        }
        if (!c.validation().equals("trained")) {
            return (Estimator<A>) new TableEstimator(table, c.validation());
        }
        Estimator<A> local = ctx.shared("trained");
        log.accept("validating the top " + c.k() + " by training each for " + ctx.spec().trainEpochs() + " epochs"
                + (pool.here() ? "" : " on " + pool.describe()));
        return Engines.scorer(pool, local, ctx.spec().with(List.of("trained")), ctx, c.engine().threads(), space::format,
                log);
    }

    private <A> SearchResult execute(SearchRun c, EstimatorContext<A> ctx, Estimator<A> estimator, RunDir run,
            Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        SearchSpace<A> space = ctx.kit().space();
        Strategy<A> strategy = c.strategy().create(space, ctx.kit().costModel(3, 10, 32));
        String estimatorName = c.estimator().estimators().get(0);
        Nb201Table table = c.estimator().table() == null ? null : ctx.table();
        String truth = c.estimator().tableColumn() != null ? c.estimator().tableColumn() : Nb201Table.testColumn("cifar10", 200);
        log.accept(Strategies.nameOf(c.strategy()) + " scored by " + estimatorName + ": " + c.strategy().budget()
                + " architectures to score");
        if (estimator.pooled() != null) {
            log.accept(estimatorName + " depends on the pool: each value shown ranks a cell among those scored before it; "
                    + "after every round all are re-ranked and the strategy told the new values");
        }
        double[] seconds = {0};
        int[] count = {0};
        List<Strategy.Evaluated<A>> all;
        List<Map<String, Object>> candidates = new ArrayList<>();
        A chosen;
        Engine pool = Engines.open(c.engine(), run.dir(), log);
        try (pool; InFlight engine = new InFlight(pool.parallelism())) {
            Estimator<A> scorer = Engines.scorer(pool, estimator, ctx, c.engine().threads(), space::format, log);
            int first = StrategyRuns.start(strategy, run, StrategyRuns.Evaluator.stateless(), log);
            all = new ArrayList<>(ScoreLog.before(run, first, space::parse));
            all.addAll(new SearchLoop<>(strategy, scorer, engine, space::format).replaying(ScoreLog.replay(run)).run(first,
                    (round, a, s, replayed) -> {
                        synchronized (seconds) {
                            if (!replayed) {
                                ScoreLog.record(run, round, space.format(a), s);
                            }
                            seconds[0] += s.seconds();
                            String acc = table == null ? "" : String.format("  (table %.2f%%)", table.require((Nb201Cell) a, truth));
                            RunStatus.stage(run, "evaluation", count[0] + 1, c.strategy().budget());
                            log.accept(String.format("[%d/%d] %s  %s %.4f%s%s", ++count[0], c.strategy().budget(),
                                    space.format(a), estimatorName, s.value(), acc, Engines.progress(scorer)));
                        }
                    }));
            chosen = select(c, all, validator(c, ctx, table, pool, space, log), engine, space, estimatorName, candidates);
        }
        return finish(c, run, all.size(), chosen, space.format(chosen), candidates, table, truth, estimatorName, seconds[0], t0);
    }

    private static SearchResult finish(SearchRun c, RunDir run, int evaluated, Object chosen, String arch,
            List<Map<String, Object>> candidates, Nb201Table table, String truth, String estimatorName, double seconds,
            long t0) throws IOException {
        SearchResult res = new SearchResult(arch, Strategies.nameOf(c.strategy()), estimatorName,
                c.selection().equals("best") ? "best estimate" : "top-" + c.k() + " by " + c.validation(),
                table != null ? table.require((Nb201Cell) chosen, truth) : null, table != null ? truth : null, evaluated,
                candidates.isEmpty() ? null : candidates, Results.round3(seconds), Results.round3((System.nanoTime() - t0) / 1e9),
                c.strategy().seed(), run.dir().toString());
        run.writeResult(res);
        Report r = Report.of(run, "jnas search mote (" + res.strategy() + ", " + estimatorName + ")").result(res);
        if (!candidates.isEmpty()) {
            r.section("Validated candidates").table(new ArrayList<>(candidates.get(0).keySet()), candidates);
        }
        r.write();
        return res;
    }
}
