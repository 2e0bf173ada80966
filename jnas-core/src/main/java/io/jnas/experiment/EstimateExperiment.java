package io.jnas.experiment;

import io.jnas.engine.Engines;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.Estimators;
import io.jnas.estimate.Nb201Table;
import io.jnas.estimate.RankEstimators;
import io.jnas.estimate.RankRule;
import io.jnas.estimate.RankStudy;
import io.jnas.estimate.Score;
import io.jnas.estimate.TrainedLabels;
import io.jnas.report.Report;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.RunStatus;
import io.jnas.space.SearchSpace;
import io.jnas.space.nb201.Nb201Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * {@code estimate}: scores a seeded random sample of a space with several estimators, one scores.csv row per
 * architecture, appended as it is computed (a killed run resumes where it stopped); then MOTE's calibration over
 * the whole sample and, with a NAS-Bench-201 table, each estimator's rank correlation with the true accuracy,
 * scatter plots and report.html.
 */
public final class EstimateExperiment implements Experiment<EstimateRun, EstimateResult> {
    @Override
    public String name() {
        return "estimate";
    }

    @Override
    public Class<EstimateRun> configType() {
        return EstimateRun.class;
    }

    @Override
    public Class<EstimateResult> resultType() {
        return EstimateResult.class;
    }

    @Override
    public long seed(EstimateRun c) {
        return c.estimators().seed();
    }

    @Override
    public Prepared<EstimateResult> prepare(EstimateRun c, Consumer<String> log) throws IOException {
        EstimatorContext<Object> ctx = EstimatorContext.open(c.estimators().checked(), log);
        Nb201Table table = c.estimators().table() == null ? null : ctx.table();
        if (ctx.hasData()) {
            ctx.preload();
        }
        return run -> {
            try (ctx) {
                return new Study<>(c, ctx, table, run, log).run();
            }
        };
    }

    /** One study's run. */
    private static final class Study<A> {
        private final EstimateRun c;
        private final EstimatorContext<A> ctx;
        private final Nb201Table table;
        private final RunDir run;
        private final Consumer<String> log;
        private final ScoresCsv csv;
        private final List<String> columns = new ArrayList<>();
        /** The estimators asked for, then those whose columns a pool-dependent one ranks. */
        private final List<String> names = new ArrayList<>();
        private List<Map<String, Object>> failed = List.of();

        Study(EstimateRun c, EstimatorContext<A> ctx, Nb201Table table, RunDir run, Consumer<String> log) {
            this.c = c;
            this.ctx = ctx;
            this.table = table;
            this.run = run;
            this.log = log;
            names.addAll(c.estimators().estimators());
            for (String e : c.estimators().estimators()) {
                RankRule r = ctx.shared(e).pooled();
                for (String leaf : r == null ? List.<String>of() : r.leaves()) {
                    String owner = RankEstimators.owner(leaf).name();
                    if (!names.contains(owner)) {
                        names.add(owner);
                    }
                }
            }
            for (String e : names) {
                columns.addAll(Estimators.get(e).columns());
            }
            columns.add("seconds");
            names.forEach(e -> columns.add("seconds_" + e));
            this.csv = new ScoresCsv(c.csv() == null ? run.file("scores.csv") : Path.of(c.csv()), columns);
        }

        EstimateResult run() throws IOException {
            long t0 = System.nanoTime();
            SearchSpace<A> space = ctx.kit().space();
            Map<String, Map<String, Double>> rows = csv.read();
            csv.begin();
            log.accept("scores: " + (c.csv() == null ? run.file("scores.csv") : c.csv()));
            List<A> archs = sample(space);
            Map<String, Estimator<A>> estimators = new LinkedHashMap<>();
            for (String e : names) {
                estimators.put(e, ctx.shared(e));
                if (ctx.shared(e).pooled() != null) {
                    log.accept(e + " depends on the pool: while the run goes on it ranks each architecture among those "
                            + "scored so far; scores.csv gets its values over the whole sample at the end");
                }
            }
            if (!Engines.here(c.engine())) {
                List<String> todo = archs.stream().map(space::format).filter(k -> !rows.containsKey(k)).toList();
                failed = EstimateWorkers.score(c, ctx, names, todo, run, log, (k, row) -> {
                    rows.put(k, row);
                    RunStatus.stage(run, "architecture", rows.size(), archs.size());
                    try {
                        csv.append(k, row);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Map<String, Map<String, Double>> inSampleOrder = new LinkedHashMap<>(); // not the order workers finished in
                archs.stream().map(space::format).filter(rows::containsKey).forEach(k -> inSampleOrder.put(k, rows.get(k)));
                csv.rewrite(inSampleOrder);
                return finish(inSampleOrder, (System.nanoTime() - t0) / 1e9);
            }
            int done = 0;
            for (A a : archs) {
                String key = space.format(a);
                done++;
                if (rows.containsKey(key)) {
                    continue;
                }
                RunStatus.stage(run, "architecture", done - 1, archs.size());
                Map<String, Double> row = score(a, estimators);
                rows.put(key, row);
                csv.append(key, row);
                log.accept(String.format("[%d/%d] %s  %s", done, archs.size(), key, summary(row)));
            }
            return finish(rows, (System.nanoTime() - t0) / 1e9);
        }

        private Map<String, Double> score(A a, Map<String, Estimator<A>> estimators) {
            long t0 = System.nanoTime();
            Map<String, Double> row = new LinkedHashMap<>();
            for (Map.Entry<String, Estimator<A>> e : estimators.entrySet()) {
                Score s = e.getValue().estimate(a);
                row.put(e.getKey(), s.value());
                for (String col : Estimators.get(e.getKey()).columns()) {
                    if (!col.equals(e.getKey())) {
                        row.put(col, s.terms().getOrDefault(col, Double.NaN));
                    }
                }
                row.put("seconds_" + e.getKey(), s.seconds());
            }
            row.put("seconds", (System.nanoTime() - t0) / 1e9);
            return row;
        }

        private String summary(Map<String, Double> row) {
            StringBuilder sb = new StringBuilder();
            for (String col : columns) {
                if (!col.startsWith("seconds_") && row.containsKey(col)) {
                    sb.append(col).append('=').append(String.format("%.4g", row.get(col))).append(' ');
                }
            }
            return sb.toString().trim();
        }

        /**
         * A seeded sample of distinct architectures, the same for every estimator and every run of this seed; with a
         * trained super-network, of the subnets it holds (its resolutions, width, branches and exits).
         */
        @SuppressWarnings("unchecked")
        private List<A> sample(SearchSpace<A> kitSpace) throws IOException {
            SearchSpace<A> space = c.estimators().supernet() == null ? kitSpace
                    : (SearchSpace<A>) io.jnas.train.ofa.TrainedSupernet.specIn(Path.of(c.estimators().supernet())).ofaSpace();
            SplittableRandom r = new SplittableRandom(c.estimators().seed());
            Set<A> seen = new LinkedHashSet<>();
            int tries = 0;
            while (seen.size() < c.sample() && tries++ < c.sample() * 100) {
                seen.add(space.sample(r));
            }
            return new ArrayList<>(seen);
        }

        private EstimateResult finish(Map<String, Map<String, Double>> rows, double seconds) throws IOException {
            List<String> keys = new ArrayList<>(rows.keySet());
            keys.sort(null); // fits and ranks over the pool must not depend on the order in which workers finished
            Map<String, Object> calibrations = SampleFits.apply(c.estimators(), keys, columns, rows, run,
                    archs -> TrainedLabels.ensure(ctx, archs, run.file(TrainedLabels.FILE),
                            (k, n) -> RunStatus.stage(run, "label", k, n)));
            if (!calibrations.isEmpty()) {
                csv.rewrite(rows);
            }
            Map<String, EstimateResult.Pooled> pooled = new LinkedHashMap<>();
            for (String e : names) {
                RankRule r = ctx.shared(e).pooled();
                if (r != null) {
                    Map<String, double[]> leaves = new LinkedHashMap<>();
                    r.leaves().forEach(l -> leaves.put(l, column(rows, keys, l)));
                    double[] v = r.apply(leaves);
                    for (int i = 0; i < keys.size(); i++) {
                        rows.get(keys.get(i)).put(e, v[i]);
                    }
                    pooled.put(e, new EstimateResult.Pooled(r.rule().name().toLowerCase(java.util.Locale.ROOT), r.members(),
                            keys.size()));
                }
            }
            if (!pooled.isEmpty()) {
                csv.rewrite(rows);
            }
            EstimateResult.Workers workers = Engines.here(c.engine()) ? null : new EstimateResult.Workers(c.engine().engine(),
                    c.engine().workers(), c.engine().threads(), failed);
            Report report = Report.of(run, "jnas estimate: " + String.join(", ", c.estimators().estimators()) + " on "
                    + c.estimators().space());
            String truth = table == null ? null : c.estimators().tableColumn() != null ? c.estimators().tableColumn()
                    : Nb201Table.testColumn("cifar10", 200);
            Map<String, EstimateResult.Correlation> stats = table == null ? null : study(rows, keys, truth, report);
            EstimateResult res = new EstimateResult(calibrations, pooled.isEmpty() ? null : pooled, keys.size(), workers,
                    Results.round3(rows.values().stream().mapToDouble(r -> r.get("seconds")).average().orElse(0)),
                    Results.round3(seconds), c.csv() == null ? run.file("scores.csv").toString() : c.csv(), truth, stats,
                    run.dir().toString());
            run.writeResult(res);
            report.result(res).write();
            return res;
        }

        /** Each estimator's (and term's) rank correlation with the table's {@code truthColumn}, into the report too. */
        private Map<String, EstimateResult.Correlation> study(Map<String, Map<String, Double>> rows, List<String> keys,
                String truthColumn, Report report) throws IOException {
            double[] truth = new double[keys.size()];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = table.require(Nb201Cell.parse(keys.get(i)), truthColumn);
            }
            Map<String, double[]> scores = new LinkedHashMap<>();
            for (String col : columns) {
                if (!col.startsWith("seconds") && !col.endsWith(SampleFits.LABELLED)) {
                    double[] v = column(rows, keys, col);
                    double[] labelled = columns.contains(col + SampleFits.LABELLED) ? column(rows, keys, col + SampleFits.LABELLED) : null;
                    for (int i = 0; labelled != null && i < v.length; i++) {
                        v[i] = labelled[i] == 1.0 ? Double.NaN : v[i]; // measured on the rows it was not fitted on
                    }
                    scores.put(col, v);
                }
            }
            Map<String, EstimateResult.Correlation> stats = new LinkedHashMap<>();
            List<Map<String, Object>> tableRows = new ArrayList<>();
            report.section("Rank correlation with " + truthColumn);
            for (RankStudy.Stat st : RankStudy.of(scores, truth)) {
                EstimateResult.Correlation m = new EstimateResult.Correlation(Results.round3(st.kendall()),
                        Results.round3(st.spearman()), st.n(), Results.round3(st.top10Mean()), Results.round3(st.top10Best()));
                stats.put(st.estimator(), m);
                Map<String, Object> row = new LinkedHashMap<>(Map.of("estimator", st.estimator()));
                row.putAll(Json.toMap(m));
                tableRows.add(row);
            }
            report.table(List.of("estimator", "kendall", "spearman", "n", "top10_mean", "top10_best"), tableRows);
            for (Map.Entry<String, EstimateResult.Correlation> p : stats.entrySet()) {
                double[] sc = scores.get(p.getKey());
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < sc.length; i++) {
                    if (Double.isFinite(sc[i])) {
                        xs.add(sc[i]);
                        ys.add(truth[i]);
                    }
                }
                report.scatter("scatter_" + p.getKey() + ".png", p.getKey() + " vs " + truthColumn + " (tau "
                        + p.getValue().kendall() + ")", p.getKey(), truthColumn, xs, ys);
            }
            return stats;
        }

        private static double[] column(Map<String, Map<String, Double>> rows, List<String> keys, String col) {
            return SampleFits.column(rows, keys, col);
        }
    }
}
