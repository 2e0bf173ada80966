package io.jnas.experiment;

import io.jnas.estimate.EstimatorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Candidates per minute of estimators ({@code jnas bench estimate}): an estimate study of {@code count} seeded random
 * architectures, run as {@code jnas estimate} runs it (same data, reduced dataset, settings and run directory), then read
 * back per estimator from scores.csv, where every row holds the seconds each estimator took for that architecture.
 * The median seconds per candidate give the rate; what the study spent before its first candidate (loading and
 * encoding the data, building the reduced dataset) is reported apart, since a search pays it once.
 */
public final class EstimateBenchmark {
    private EstimateBenchmark() {
    }

    /**
     * Runs the study into {@code dir} (resumed when it is there) and summarises its timings; with {@code profile} (or
     * null) the whole study runs under libtorch's profiler, and its native calls and libtorch time per candidate are
     * reported too (the profiler slows the study: its rates are then not the unprofiled ones).
     */
    public static Map<String, Object> run(EstimatorSpec spec, int count, Path dir, Path profile, Consumer<String> log)
            throws IOException {
        long t0 = System.nanoTime();
        EstimateResult[] out = new EstimateResult[1];
        io.jnas.kernel.Trace trace = null;
        if (profile == null) {
            out[0] = Experiments.start(new EstimateRun(spec, count, null, null), dir, log);
        } else {
            trace = io.jnas.kernel.Trace.profile(() -> {
                try {
                    out[0] = Experiments.start(new EstimateRun(spec, count, null, null), dir, log);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, profile, 10);
        }
        EstimateResult r = out[0];
        double wall = (System.nanoTime() - t0) / 1e9;
        ScoresCsv csv = ScoresCsv.existing(Path.of(r.scores()));
        Map<String, Map<String, Double>> rows = csv.read();
        Map<String, Object> per = new LinkedHashMap<>();
        double scoring = 0;
        for (String col : csv.columns()) {
            if (!col.startsWith("seconds_")) {
                continue;
            }
            double[] s = rows.values().stream().mapToDouble(row -> row.getOrDefault(col, Double.NaN))
                    .filter(Double::isFinite).toArray();
            if (s.length == 0) {
                continue;
            }
            double med = median(s);
            per.put(col.substring("seconds_".length()), Map.of("seconds_per_candidate", Results.round3(med),
                    "candidates_per_minute", Results.round3(60 / Math.max(med, 1e-9))));
        }
        List<Double> totals = new ArrayList<>();
        rows.values().forEach(row -> totals.add(row.getOrDefault("seconds", Double.NaN)));
        double[] all = totals.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        for (double v : all) {
            scoring += v;
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("space", spec.space());
        res.put("candidates", rows.size());
        double med = all.length == 0 ? Double.NaN : median(all);
        res.put("seconds_per_candidate", Results.round3(med));
        res.put("candidates_per_minute", Results.round3(60 / med));
        res.put("estimators", per);
        res.put("setup_seconds", Results.round3(Math.max(0, wall - scoring)));
        if (trace != null) {
            res.put("profile", trace.per(rows.size(), med * 1000, "candidate"));
        }
        res.put("wall_seconds", Results.round3(wall));
        res.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        res.put("run_dir", dir.toString());
        return res;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }
}
