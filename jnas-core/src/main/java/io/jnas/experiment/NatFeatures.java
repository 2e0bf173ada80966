package io.jnas.experiment;

import io.jnas.estimate.Estimators;
import io.jnas.run.RunDir;
import io.jnas.search.Strategy;
import io.jnas.space.EncodedSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The extra predictor inputs of {@code search nat --features}: the space's graph features ({@code graph}, free, any
 * architecture) and estimators' values, which exist only for a pool of architectures scored beforehand, either in the
 * run ({@code --pool N}: a seeded estimate study in the run's {@code pool/}, resumable like any) or by an earlier
 * {@code jnas estimate} ({@code --pool-scores FILE}). An estimator's value enters as its rank within the pool
 * (0..1), so a proxy spanning 30 orders of magnitude (synflow) and one spanning a tenth (a landscape term) weigh alike
 * for any predictor. What the pool's proxies cost is read from its seconds columns and reported. Without a pool
 * ({@code --pool 0}) the estimators are computed on demand for the architectures the search shortlists
 * ({@link OnDemand}).
 */
final class NatFeatures {
    /** The feature that is not an estimator's value: the space's graph features. */
    static final String GRAPH = "graph";

    private NatFeatures() {
    }

    /**
     * The candidates of a search and what they cost.
     *
     * @param candidates the extra inputs and the pool
     * @param summary what the result records: features, pool size, where it came from, proxy seconds
     */
    record Loaded<A>(Strategy.Candidates<A> candidates, Map<String, Object> summary, AutoCloseable resources)
            implements AutoCloseable {
        Loaded(Strategy.Candidates<A> candidates, Map<String, Object> summary) {
            this(candidates, summary, () -> { });
        }

        @Override
        public void close() throws Exception {
            resources.close();
        }
    }

    /** Opens the features of {@code c} for {@code space}, scoring the pool first when the run must. */
    static <A> Loaded<A> open(NatRun c, EncodedSpace<A> space, RunDir run, Consumer<String> log) throws IOException {
        NatRun.Features f = c.features();
        List<String> proxies = f.names().stream().filter(n -> !n.equals(GRAPH)).toList();
        boolean graph = f.names().contains(GRAPH);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("features", f.names());
        if (proxies.isEmpty()) {
            return new Loaded<>(new Strategy.Candidates<>(space::graph, List.of()), summary);
        }
        if (f.poolScores() == null && f.pool() == 0) {
            return OnDemand.open(c, space, proxies, graph, run, summary, log);
        }
        Path scores = f.poolScores() != null ? Path.of(f.poolScores()) : scorePool(c, proxies, run, log);
        ScoresCsv csv = ScoresCsv.existing(scores);
        Map<String, Map<String, Double>> rows = csv.read();
        List<String> columns = columns(proxies, csv.columns(), scores);
        List<A> pool = new ArrayList<>();
        rows.keySet().forEach(text -> pool.add(space.parse(text)));
        Map<A, double[]> values = ranks(pool, rows, columns);
        double seconds = seconds(rows, proxies, csv.columns());
        summary.put("pool", pool.size());
        summary.put("pool_scores", scores.toString());
        summary.put("columns", columns);
        summary.put("proxy_seconds", Results.round3(seconds));
        summary.put("proxy_seconds_per_arch", Results.round3(seconds / Math.max(1, pool.size())));
        log.accept(String.format("features: %s on a pool of %d architectures (%s; proxies %.0f s, %.2f s each)", columns,
                pool.size(), scores, seconds, seconds / Math.max(1, pool.size())));
        return new Loaded<>(new Strategy.Candidates<>(a -> {
            double[] v = values.get(a);
            if (v == null) {
                throw new IllegalStateException(space.format(a) + " is not in the pool of " + scores);
            }
            return graph ? concat(space.graph(a), v) : v;
        }, pool), summary);
    }

    /** Fails with one line, before a run directory exists, on a feature that is neither graph nor a column or estimator. */
    static void check(NatRun.Features f) throws IOException {
        List<String> proxies = f.names().stream().filter(n -> !n.equals(GRAPH)).toList();
        if (f.poolScores() != null) {
            Path file = Path.of(f.poolScores());
            columns(proxies, ScoresCsv.existing(file).columns(), file);
            return;
        }
        proxies.forEach(Estimators::get); // names the estimators there are
    }

    /** Scores a seeded sample of the space with the proxies in the run's pool/ (resumes a pool cut short). */
    private static Path scorePool(NatRun c, List<String> proxies, RunDir run, Consumer<String> log) throws IOException {
        Path dir = run.file("pool");
        log.accept("scoring a pool of " + c.features().pool() + " architectures with " + proxies + " in " + dir);
        Experiments.part(new EstimateRun(c.estimator().with(proxies), c.features().pool(), null, c.engine()), dir, log);
        return dir.resolve("scores.csv");
    }

    /** The columns of the scores a feature name stands for: the column of that name, else its estimator's columns. */
    private static List<String> columns(List<String> names, List<String> have, Path file) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            List<String> want = have.contains(n) ? List.of(n)
                    : Estimators.names().contains(n) ? Estimators.get(n).columns().stream().filter(have::contains).toList() : List.of();
            if (want.isEmpty()) {
                throw new IllegalArgumentException("--features " + n + ": " + file + " has no such column (it has "
                        + have.stream().filter(h -> !h.startsWith("seconds")).toList() + ")");
            }
            want.stream().filter(w -> !out.contains(w)).forEach(out::add);
        }
        return out;
    }

    /** Each architecture's values of {@code columns} as ranks within the pool, 0 (lowest, and missing values) to 1. */
    private static <A> Map<A, double[]> ranks(List<A> pool, Map<String, Map<String, Double>> rows, List<String> columns) {
        List<Map<String, Double>> byIndex = new ArrayList<>(rows.values());
        Map<A, double[]> out = new HashMap<>();
        pool.forEach(a -> out.put(a, new double[columns.size()]));
        for (int k = 0; k < columns.size(); k++) {
            double[] v = new double[pool.size()];
            for (int i = 0; i < v.length; i++) {
                Double d = byIndex.get(i).get(columns.get(k));
                v[i] = d == null ? Double.NaN : d;
            }
            double[] r = io.jnas.estimate.Ranks.of(v);
            for (int i = 0; i < v.length; i++) {
                out.get(pool.get(i))[k] = v.length == 1 ? 0.5 : (r[i] - 1) / (v.length - 1);
            }
        }
        return out;
    }

    /**
     * Seconds the pool's scores took: the study's total per row (every estimator it ran, counted once: a pool-dependent
     * column such as the ensemble repeats its members' seconds), else the sum of the named estimators' columns.
     */
    private static double seconds(Map<String, Map<String, Double>> rows, List<String> proxies, List<String> have) {
        List<String> use = have.contains("seconds") ? List.of("seconds")
                : proxies.stream().map(p -> "seconds_" + p).filter(have::contains).toList();
        double total = 0;
        for (Map<String, Double> row : rows.values()) {
            for (String col : use) {
                double v = row.getOrDefault(col, Double.NaN);
                total += Double.isFinite(v) ? v : 0;
            }
        }
        return total;
    }

    static double[] concat(double[] a, double[] b) {
        double[] f = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, f, a.length, b.length);
        return f;
    }
}
