package io.jnas.experiment;

import io.jnas.run.RunStatus;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.Estimators;
import io.jnas.estimate.Estimator;
import io.jnas.engine.Engine;
import io.jnas.engine.Engines;
import io.jnas.engine.InFlight;
import io.jnas.run.RunDir;
import io.jnas.search.SearchLoop;
import io.jnas.search.Strategies;
import io.jnas.search.Strategy;
import io.jnas.search.nat.Front;
import io.jnas.search.nat.Member;
import io.jnas.space.CostModel;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code search-nat}: the NAT / NATv2 loop (or a baseline strategy) over any integer-encoded space. With a
 * super-network (trained first in {@code supernet/} when none is given), the NAT loop's state and the adapted
 * weights are checkpointed after every iteration; every score is appended to metrics.jsonl and replayed on resume.
 * At the end the non-dominated architectures are tested (super-network: on the test split) and reported with their
 * high trade-off points.
 */
public final class NatExperiment implements Experiment<NatRun, NatResult> {
    @Override
    public String name() {
        return "search-nat";
    }

    @Override
    public Class<NatRun> configType() {
        return NatRun.class;
    }

    @Override
    public Class<NatResult> resultType() {
        return NatResult.class;
    }

    @Override
    public long seed(NatRun c) {
        return c.strategy().seed();
    }

    @Override
    public Prepared<NatResult> prepare(NatRun c, Consumer<String> log) throws IOException {
        if (c.estimator() != null) {
            EstimatorContext<Object> ctx = EstimatorContext.open(Estimators.scoring(c.estimator()), log);
            NatScoring<Object> scoring = new EstimatorScoring<>(ctx);
            scoring.estimator(); // an estimator that cannot score this space fails here
            if (c.features() != null) {
                NatFeatures.check(c.features());
            }
            return run -> {
                try (ctx) {
                    ctx.runDir(run.dir());
                    return new NatRunner<>(c, scoring, log).run(run);
                }
            };
        }
        if (c.supernet().dir() != null) {
            TrainedSupernet.specIn(Path.of(c.supernet().dir())).data().load(); // the super-network and its data exist
        } else {
            c.supernet().train().data().load();
        }
        return run -> {
            Path sn = c.supernet().dir() != null ? Path.of(c.supernet().dir()) : run.file("supernet");
            if (c.supernet().dir() == null) {
                log.accept("training the super-network first: " + sn);
                Experiments.part(new SupernetRun(c.supernet().train()), sn, log);
            }
            int adaptEpochs = c.strategy().adaptEpochs();
            try (SupernetScoring scoring = new SupernetScoring(sn, c.supernet(), adaptEpochs, c.strategy().seed(), log)) {
                return new NatRunner<>(c, scoring, log).run(run);
            }
        };
    }

    /** One search's run. */
    private static final class NatRunner<A> {
        private final NatRun c;
        private final NatScoring<A> scoring;
        private final Consumer<String> log;

        NatRunner(NatRun c, NatScoring<A> scoring, Consumer<String> log) {
            this.c = c;
            this.scoring = scoring;
            this.log = log;
        }

        NatResult run(RunDir run) throws IOException {
            if (c.latency() == null) {
                return run(run, null, scoring.cost());
            }
            try (io.jnas.latency.Latency<A> lat = scoring.latency(c.latency().measure(), c.latency().cells(), log)) {
                CostModel<A> cost = withLatency(scoring.cost(), lat, c.latency().maxMs());
                A smallest = scoring.space().smallest();
                if (!cost.feasible(smallest)) {
                    throw new IllegalArgumentException(String.format("--max-latency %s ms is below the smallest architecture's "
                            + "predicted %.4f ms on this device; raise it", c.latency().maxMs(), lat.predictMs(smallest)));
                }
                log.accept("latency: " + lat.device().runtime() + " " + lat.device().version() + ", batch " + lat.device().batch()
                        + ", " + lat.device().threads() + " thread(s) on " + lat.device().cpu() + " (model " + lat.file() + ")");
                return run(run, lat, cost);
            }
        }

        /** {@code cost} with the latency model's predictions and the limit {@code maxMs} (0: none) as the constraint. */
        private static <A> CostModel<A> withLatency(CostModel<A> cost, io.jnas.latency.Latency<A> lat, double maxMs) {
            return new CostModel<>() {
                @Override
                public long params(A arch) {
                    return cost.params(arch);
                }

                @Override
                public long macs(A arch) {
                    return cost.macs(arch);
                }

                @Override
                public double latencyMs(A arch) {
                    return lat.predictMs(arch);
                }

                @Override
                public boolean feasible(A arch) {
                    return maxMs <= 0 || lat.predictMs(arch) <= maxMs;
                }
            };
        }

        private NatResult run(RunDir run, io.jnas.latency.Latency<A> lat, CostModel<A> cost) throws IOException {
            long t0 = System.nanoTime();
            Strategy<A> strategy = c.strategy().create(scoring.space(), cost);
            if (c.features() != null && !strategy.readsCandidates()) {
                throw new IllegalArgumentException("--features feeds a strategy's predictor; " + Strategies.nameOf(c.strategy())
                        + " has none (use --strategy nat)");
            }
            NatFeatures.Loaded<A> features = c.features() == null ? null : NatFeatures.open(c, scoring.space(), run, log);
            try {
                return run(run, lat, cost, strategy, features, t0);
            } finally {
                if (features != null) {
                    try {
                        features.close();
                    } catch (Exception e) {
                        log.accept("closing the features' estimators: " + e.getMessage());
                    }
                }
            }
        }

        private NatResult run(RunDir run, io.jnas.latency.Latency<A> lat, CostModel<A> cost, Strategy<A> strategy,
                NatFeatures.Loaded<A> features, long t0) throws IOException {
            int first = StrategyRuns.start(strategy, run, new StrategyRuns.Evaluator<>(scoring::tensors, scoring::restore,
                    scoring::adapt), features == null ? Strategy.Candidates.none() : features.candidates(), log);
            log.accept(Strategies.nameOf(c.strategy()) + " over " + scoring.describe() + ": " + c.strategy().budget()
                    + " evaluations");
            List<Member<A>> evaluated = new ArrayList<>();
            int[] count = {0};
            Engine pool = Engines.open(c.engine(), run.dir(), log);
            try (pool; InFlight engine = new InFlight(pool.parallelism())) {
                Estimator<A> scorer = Engines.scorer(pool, scoring.estimator(), scoring.context(), c.engine().threads(),
                        scoring.space()::format, log);
                new SearchLoop<>(strategy, scorer, engine, scoring.space()::format).replaying(ScoreLog.replay(run))
                        .run(first, (round, a, s, replayed) -> {
                            if (!replayed) {
                                Map<String, Object> more = new java.util.LinkedHashMap<>(Map.of("params", cost.params(a), "macs",
                                        cost.macs(a)));
                                if (lat != null) {
                                    more.put("latency_ms", Results.round4(cost.latencyMs(a)));
                                }
                                ScoreLog.record(run, round, scoring.space().format(a), s, more);
                            }
                            RunStatus.stage(run, "evaluation", count[0] + 1, c.strategy().budget());
                            log.accept(String.format("[%d/%d] round %d  %s  error %.2f%%%s", ++count[0], c.strategy().budget(),
                                    round, scoring.space().format(a), 100.0 - s.value(), Engines.progress(scorer)));
                            synchronized (evaluated) {
                                evaluated.add(member(cost, lat, a, 100.0 - s.value(), round));
                            }
                        });
            }
            return finish(strategy, evaluated, run, t0, lat, cost, features);
        }

        private static <A> Member<A> member(CostModel<A> cost, io.jnas.latency.Latency<A> lat, A a, double error, int round) {
            return new Member<>(a, error, cost.params(a), cost.macs(a), round, lat == null ? Double.NaN : cost.latencyMs(a));
        }

        private NatResult finish(Strategy<A> strategy, List<Member<A>> evaluated, RunDir run, long t0,
                io.jnas.latency.Latency<A> lat, CostModel<A> cost, NatFeatures.Loaded<A> features) throws IOException {
            Strategy.Outcome<A> outcome = strategy.outcome();
            List<Member<A>> archive = outcome == null ? evaluated : outcome.archive().stream().map(k -> member(cost, lat, k.arch(),
                    100.0 - k.score(), k.round())).toList();
            List<Double> hv = outcome == null ? List.of() : outcome.trace();
            List<Member<A>> front = new ArrayList<>(Front.nondominated(archive, c.objectives()));
            front.sort(Comparator.comparingLong(Member::macs));
            log.accept("the front holds " + front.size() + " architectures");
            List<NatResult.FrontMember> scored = scoring.finish(front, run, c.export());
            boolean[] knee = Front.highTradeoff(front, c.objectives());
            double[] measured = null;
            if (lat != null) {
                // every member of the final front is measured on the device, beside the model's prediction, in passes
                // over the front spread in time as the model's own entries were
                int[] done = {0};
                int total = scored.size() * io.jnas.latency.Latency.PASSES;
                measured = lat.measureSpread(front.stream().map(Member::arch).toList(), io.jnas.latency.Latency.PASSES,
                        () -> RunStatus.stage(run, "measuring the front's latency", ++done[0], total));
            }
            List<NatResult.FrontMember> rows = new ArrayList<>();
            for (int i = 0; i < scored.size(); i++) {
                NatResult.FrontMember row = scored.get(i).withHighTradeoff(knee[i]);
                if (measured != null) {
                    row = row.withLatency(measured[i], front.get(i).latency());
                }
                rows.add(row);
            }
            NatResult.FrontMember best = rows.stream().min(Comparator.comparingDouble(NatResult.FrontMember::error)).orElseThrow();
            Map<String, Object> settings = new java.util.LinkedHashMap<>(c.strategy().summary());
            if (lat != null) {
                settings.put("latency_device", lat.device().toMap());
            }
            if (features != null) {
                settings.put("features", features.summary());
            }
            NatResult res = new NatResult(Strategies.nameOf(c.strategy()), settings, c.objectives(), rows,
                    hv.stream().map(Results::round4).toList(), best.error(), best.arch(),
                    outcome == null ? evaluated.size() : outcome.evaluated(), archive.size(), scoring.describe(),
                    Results.round3((System.nanoTime() - t0) / 1e9), c.strategy().seed(), run.dir().toString());
            run.writeResult(res);
            NatReport.write(run, res, archive, hv);
            return res;
        }
    }
}
