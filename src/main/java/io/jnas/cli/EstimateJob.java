package io.jnas.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.DataOptions;
import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.data.DatasetResolver;
import io.jnas.data.reduce.RdSpec;
import io.jnas.estimate.BoxCox;
import io.jnas.estimate.Correlation;
import io.jnas.estimate.CostEstimator;
import io.jnas.estimate.Estimator;
import io.jnas.estimate.MoteConfig;
import io.jnas.estimate.MoteEstimator;
import io.jnas.estimate.Nb201Table;
import io.jnas.estimate.Score;
import io.jnas.estimate.ZeroCostEstimator;
import io.jnas.nn.Builders;
import io.jnas.report.Charts;
import io.jnas.report.Html;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Versions;
import io.jnas.space.SearchSpace;
import io.jnas.space.darts.DartsSpace;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Space;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Scores a seeded random sample of architectures with several estimators (MOTE and the
 * baselines), one CSV row per architecture, appended as it is computed (a killed run resumes
 * where it stopped). With a NAS-Bench-201 table: Kendall τ, Spearman ρ and the true accuracy of
 * each estimator's top-10, scatter plots and report.html.
 *
 * @param space nb201 or darts
 * @param estimators estimator names (mote, synflow, naswot, grad_norm, snip, params, flops, tse, short_acc)
 * @param sample number of architectures
 * @param seed sample and estimator seed
 * @param data the data set
 * @param rd how the reduced dataset is built
 * @param raSize input size of the reduced architecture
 * @param mote MOTE settings
 * @param table NAS-Bench-201 table or null
 * @param tableDataset cifar10, cifar100 or imagenet16
 * @param csv path of scores.csv
 */
public record EstimateJob(String space, List<String> estimators, int sample, long seed, DataSpec data, RdSpec rd, int raSize,
        MoteConfig mote, String table, String tableDataset, String csv) {

    /** Estimators whose values come out of MOTE's short training. */
    static final Set<String> TRAINING = Set.of("mote", "tse", "short_acc");
    static final List<String> ALL = List.of("mote", "synflow", "naswot", "grad_norm", "snip", "params", "flops", "tse",
            "short_acc");

    public EstimateJob {
        for (String e : estimators) {
            if (!ALL.contains(e)) {
                throw new IllegalArgumentException("unknown estimator '" + e + "' (allowed: " + String.join(", ", ALL) + ")");
            }
        }
        if (sample < 2) {
            throw new IllegalArgumentException("--sample must be >= 2, got " + sample);
        }
    }

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "estimate");
        c.put("seed", seed);
        c.put("job", Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {
        }));
        c.put("versions", Versions.all());
        return c;
    }

    public static EstimateJob fromConfig(Map<String, Object> c) {
        return Json.MAPPER.convertValue(c.get("job"), EstimateJob.class);
    }

    /** The run directory next to the CSV: scores.csv → scores/. */
    static Path runDirFor(Path csv) {
        String n = csv.getFileName().toString();
        return csv.resolveSibling(n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n + ".run");
    }

    List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("arch"));
        for (String e : estimators) {
            if (e.equals("mote")) {
                cols.addAll(List.of("mote", "mote_raw", "mote_landscape", "mote_speed"));
            } else {
                cols.add(e);
            }
        }
        cols.add("seconds");
        return cols;
    }

    public Map<String, Object> start(Output out) throws IOException {
        Nb201Table t = table == null ? null : Nb201Table.load(Path.of(table));
        RunDir run = RunDir.create(runDirFor(Path.of(csv)));
        run.writeConfig(toConfig());
        out.info("run directory: " + run.dir() + "; scores: " + csv);
        return execute(run, out, t);
    }

    public Map<String, Object> resume(RunDir run, Output out) throws IOException {
        return execute(run, out, table == null ? null : Nb201Table.load(Path.of(table)));
    }

    private Map<String, Object> execute(RunDir run, Output out, Nb201Table t) throws IOException {
        if (space.equals("nb201")) {
            return typed(new Nb201Space(), run, out, t);
        }
        if (t != null) {
            throw new UserError("--table holds NAS-Bench-201 accuracies; it only applies to --space nb201");
        }
        return typed(new DartsSpace(), run, out, null);
    }

    private <A> Map<String, Object> typed(SearchSpace<A> sp, RunDir run, Output out, Nb201Table t) throws IOException {
        long t0 = System.nanoTime();
        Dataset d = data.load();
        out.info(d.describe());
        Dataset rdSet = null;
        if (estimators.stream().anyMatch(TRAINING::contains)) {
            Path dir = rd.ensure(d, io.jnas.run.CacheDir.root(), out::info);
            rdSet = new DatasetResolver().load("imagefolder:" + dir, new DataOptions(null, false, raSize, seed, 10));
            out.info("reduced dataset: " + rdSet.train().size() + " training images at " + raSize + "x" + raSize);
        }
        int classes = d.numClasses();
        int raClasses = rdSet == null ? classes : rdSet.numClasses();
        int in = d.train().channels();
        int raIn = rdSet == null ? in : rdSet.train().channels();
        @SuppressWarnings("unchecked")
        Builders<A> b = (Builders<A>) (space.equals("nb201") ? Builders.nb201(in, classes, raIn, mote.width(), raClasses)
                : Builders.darts(in, classes, raIn, mote.width(), raClasses));
        MoteEstimator<A> moteEst = rdSet == null ? null
                : new MoteEstimator<>(mote, rdSet.train(), rdSet.test(), b.reduced(), sp::format);
        Map<String, Estimator<A>> others = new LinkedHashMap<>();
        for (String e : estimators) {
            switch (e) {
                case "synflow", "naswot", "grad_norm", "snip" -> others.put(e,
                        new ZeroCostEstimator<>(e, b.full(), sp::format, d.train(), 64, seed));
                case "params" -> others.put(e, new CostEstimator<>(false, b.full(), in, d.train().height()));
                case "flops" -> others.put(e, new CostEstimator<>(true, b.full(), in, d.train().height()));
                default -> {
                }
            }
        }
        List<A> archs = sampleArchs(sp);
        Path csvPath = Path.of(csv);
        Map<String, Map<String, Double>> rows = readCsv(csvPath);
        if (rows.isEmpty()) {
            AtomicFiles.writeString(csvPath, String.join(",", columns()) + "\n");
        }
        int done = 0;
        for (A a : archs) {
            String key = sp.format(a);
            done++;
            if (rows.containsKey(key)) {
                continue;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            double secs = 0;
            if (moteEst != null) {
                Score s = moteEst.estimate(a);
                row.put("mote", s.value());
                row.putAll(s.terms());
                secs = s.seconds();
            }
            for (Map.Entry<String, Estimator<A>> e : others.entrySet()) {
                Score s = e.getValue().estimate(a);
                row.put(e.getKey(), s.value());
                if (moteEst == null) {
                    secs += s.seconds();
                }
            }
            row.put("seconds", secs);
            rows.put(key, row);
            appendCsv(csvPath, key, row);
            out.info(String.format("[%d/%d] %s  %s", done, archs.size(), key, summary(row)));
        }
        return finish(run, out, t, rows, (System.nanoTime() - t0) / 1e9);
    }

    private String summary(Map<String, Double> row) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns()) {
            if (!c.equals("arch") && row.containsKey(c)) {
                sb.append(c).append('=').append(String.format("%.4g", row.get(c))).append(' ');
            }
        }
        return sb.toString().trim();
    }

    private <A> List<A> sampleArchs(SearchSpace<A> sp) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<A> seen = new LinkedHashSet<>();
        int tries = 0;
        while (seen.size() < sample && tries++ < sample * 100) {
            seen.add(sp.sample(r));
        }
        return new ArrayList<>(seen);
    }

    private Map<String, Map<String, Double>> readCsv(Path p) throws IOException {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        if (!Files.exists(p)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return rows;
        }
        String[] head = lines.get(0).split(",");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length != head.length) {
                continue; // a line cut by a kill is recomputed
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int k = 1; k < head.length; k++) {
                row.put(head[k], f[k].isEmpty() ? Double.NaN : Double.parseDouble(f[k]));
            }
            rows.put(f[0], row);
        }
        return rows;
    }

    private void appendCsv(Path p, String arch, Map<String, Double> row) throws IOException {
        StringBuilder sb = new StringBuilder(arch);
        for (String c : columns().subList(1, columns().size())) {
            Double v = row.get(c);
            sb.append(',').append(v == null || v.isNaN() ? "" : Double.toString(v));
        }
        sb.append('\n');
        try (var ch = java.nio.channels.FileChannel.open(p, java.nio.file.StandardOpenOption.APPEND,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }

    private Map<String, Object> finish(RunDir run, Output out, Nb201Table t, Map<String, Map<String, Double>> rows,
            double seconds) throws IOException {
        Map<String, Object> res = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(rows.keySet());
        if (estimators.contains("mote")) {
            double[] l = column(rows, keys, "mote_landscape");
            double[] s = column(rows, keys, "mote_speed");
            BoxCox fl = BoxCox.fit(l);
            BoxCox fs = BoxCox.fit(s);
            for (int i = 0; i < keys.size(); i++) {
                rows.get(keys.get(i)).put("mote", MoteEstimator.combine(l[i], s[i], fl, fs));
            }
            Map<String, Object> cal = new LinkedHashMap<>();
            cal.put("lambda_landscape", fl.lambda());
            cal.put("sigma_landscape", fl.sigma());
            cal.put("lambda_speed", fs.lambda());
            cal.put("sigma_speed", fs.sigma());
            cal.put("speed_term", mote.speed());
            cal.put("fitted_on", keys.size());
            AtomicFiles.writeString(run.file("mote_calibration.json"), Json.write(cal));
            res.put("mote_calibration", cal);
            StringBuilder sb = new StringBuilder(String.join(",", columns())).append('\n');
            for (String k : keys) {
                sb.append(k);
                for (String c : columns().subList(1, columns().size())) {
                    Double v = rows.get(k).get(c);
                    sb.append(',').append(v == null || v.isNaN() ? "" : Double.toString(v));
                }
                sb.append('\n');
            }
            AtomicFiles.writeString(Path.of(csv), sb.toString());
        }
        double meanSecs = rows.values().stream().mapToDouble(r -> r.getOrDefault("seconds", 0.0)).average().orElse(0);
        res.put("architectures", keys.size());
        res.put("seconds_per_arch", TrainJob.round(meanSecs));
        res.put("seconds", TrainJob.round(seconds));
        res.put("scores", csv);
        Html h = new Html("jnas estimate: " + String.join(", ", estimators) + " on " + space);
        if (t != null) {
            String col = Nb201Table.testColumn(tableDataset, 200);
            double[] truth = new double[keys.size()];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = t.require(Nb201Cell.parse(keys.get(i)), col);
            }
            Map<String, Object> stats = new LinkedHashMap<>();
            List<Map<String, Object>> table = new ArrayList<>();
            for (String c : columns()) {
                if (c.equals("arch") || c.equals("seconds")) {
                    continue;
                }
                double[] all = column(rows, keys, c);
                // an estimator may fail on a few architectures (synflow overflows float32 on deep convolution
                // stacks): rank the others and say how many were used
                int[] ok = java.util.stream.IntStream.range(0, all.length).filter(i -> !Double.isNaN(all[i])).toArray();
                if (ok.length < 3) {
                    continue;
                }
                double[] sc = java.util.Arrays.stream(ok).mapToDouble(i -> all[i]).toArray();
                double[] tr0 = java.util.Arrays.stream(ok).mapToDouble(i -> truth[i]).toArray();
                Map<String, Object> st = new LinkedHashMap<>();
                st.put("kendall", TrainJob.round(Correlation.kendall(sc, tr0)));
                st.put("spearman", TrainJob.round(Correlation.spearman(sc, tr0)));
                st.put("n", ok.length);
                double[] top = Correlation.topK(sc, tr0, 10);
                st.put("top10_mean", TrainJob.round(top[0]));
                st.put("top10_best", TrainJob.round(top[1]));
                stats.put(c, st);
                Map<String, Object> tr = new LinkedHashMap<>();
                tr.put("estimator", c);
                tr.putAll(st);
                table.add(tr);
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < sc.length; i++) {
                    if (Double.isFinite(sc[i])) {
                        xs.add(sc[i]);
                        ys.add(tr0[i]);
                    }
                }
                Charts.scatter(run.file("scatter_" + c + ".png"), c + " vs " + col + " (tau " + st.get("kendall") + ")",
                        c, col, xs, ys);
            }
            res.put("truth", col);
            res.put("estimators", stats);
            h.h2("Rank correlation with " + col).table(List.of("estimator", "kendall", "spearman", "n", "top10_mean",
                    "top10_best"), table);
            for (String c : stats.keySet()) {
                h.img("scatter_" + c + ".png");
            }
        }
        res.put("run_dir", run.dir().toString());
        run.writeResult(res);
        h.h2("Summary").kv(res.entrySet().stream().filter(e -> !(e.getValue() instanceof Map))
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        h.h2("Configuration").pre(Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), h.build());
        return res;
    }

    private static double[] column(Map<String, Map<String, Double>> rows, List<String> keys, String c) {
        double[] v = new double[keys.size()];
        for (int i = 0; i < v.length; i++) {
            Double x = rows.get(keys.get(i)).get(c);
            v[i] = x == null ? Double.NaN : x;
        }
        return v;
    }
}
