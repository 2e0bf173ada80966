package io.jnas.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.DataOptions;
import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.data.DatasetResolver;
import io.jnas.data.reduce.RdSpec;
import io.jnas.estimate.MoteConfig;
import io.jnas.estimate.MoteEstimator;
import io.jnas.estimate.Nb201Table;
import io.jnas.estimate.Score;
import io.jnas.exec.LocalEngine;
import io.jnas.nn.Builders;
import io.jnas.report.Html;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Versions;
import io.jnas.search.MoteEvolution;
import io.jnas.search.SearchLoop;
import io.jnas.search.Strategy;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Space;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MOTE-NAS search on NAS-Bench-201 (spec §5): evolution (or random sampling) scored by MOTE,
 * then the returned cell: the best by MOTE (EF), or the best of the top-k by 12-epoch
 * accuracy (top-k; a table's 12-epoch validation column). Every MOTE score is appended to
 * scores.jsonl; a resumed search replays them and continues.
 *
 * @param variant topk, ef or rs
 * @param k candidates validated by the top-k and rs variants
 * @param iterations evolution iterations (reference 10)
 * @param initial random architectures seeding the pool
 * @param parents fraction of the pool used as parents
 */
public record MoteSearchJob(String variant, int k, int iterations, int initial, double parents, long seed, DataSpec data,
        RdSpec rd, int raSize, MoteConfig mote, String table, String tableDataset) {

    public MoteSearchJob {
        if (!List.of("topk", "ef", "rs").contains(variant)) {
            throw new IllegalArgumentException("--variant must be topk, ef or rs, got '" + variant + "'");
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
    }

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "search-mote");
        c.put("seed", seed);
        c.put("job", Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {
        }));
        c.put("versions", Versions.all());
        return c;
    }

    public static MoteSearchJob fromConfig(Map<String, Object> c) {
        return Json.MAPPER.convertValue(c.get("job"), MoteSearchJob.class);
    }

    public Map<String, Object> start(Path dir, Output out) throws IOException {
        Nb201Table t = loadTable();
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out, t);
    }

    public Map<String, Object> resume(RunDir run, Output out) throws IOException {
        return execute(run, out, loadTable());
    }

    private Nb201Table loadTable() throws IOException {
        if (table == null) {
            if (!variant.equals("ef")) {
                throw new UserError("the " + variant + " variant validates its top-" + k + " by 12-epoch accuracy: give "
                        + "--table (NAS-Bench-201), or use --variant ef");
            }
            return null;
        }
        return Nb201Table.load(Path.of(table));
    }

    private Map<String, Object> execute(RunDir run, Output out, Nb201Table t) throws IOException {
        long t0 = System.nanoTime();
        Dataset d = data.load();
        Path rdDir = rd.ensure(d, io.jnas.run.CacheDir.root(), out::info);
        Dataset rdSet = new DatasetResolver().load("imagefolder:" + rdDir, new DataOptions(null, false, raSize, seed, 10));
        Nb201Space space = new Nb201Space();
        Builders<Nb201Cell> b = Builders.nb201(d.train().channels(), d.numClasses(), rdSet.train().channels(), mote.width(),
                rdSet.numClasses());
        MoteEstimator<Nb201Cell> est = new MoteEstimator<>(mote, rdSet.train(), rdSet.test(), b.reduced(), space::format);
        Map<String, Score> done = replay(run);
        MoteEvolution<Nb201Cell> strategy = new MoteEvolution<>(space, initial, iterations, parents, !variant.equals("rs"), seed);
        out.info("MOTE-NAS-" + variant + ": " + strategy.budget() + " architectures to score");
        double[] moteSeconds = {0};
        int[] count = {0};
        try (LocalEngine engine = new LocalEngine(1)) {
            SearchLoop.run(strategy, new io.jnas.estimate.CachedEstimator<>(est, done, space::format,
                    (key, s) -> record(run, key, s)), engine, Integer.MAX_VALUE, e -> {
                moteSeconds[0] += e.score().seconds();
                count[0]++;
                String acc = t == null ? "" : String.format("  (table %.2f%%)", t.require(e.arch(),
                        Nb201Table.testColumn(tableDataset, 200)));
                out.info(String.format("[%d/%d] %s  MOTE %.4f%s", count[0], strategy.budget(), e.arch(),
                        e.score().value(), acc));
            });
        }
        Nb201Cell chosen;
        List<Map<String, Object>> candidates = new ArrayList<>();
        if (variant.equals("ef")) {
            chosen = strategy.best().arch();
        } else {
            String valCol = tableDataset + "-val-12";
            chosen = null;
            double best = Double.NEGATIVE_INFINITY;
            for (Strategy.Evaluated<Nb201Cell> e : strategy.top(k)) {
                double v = t.require(e.arch(), valCol);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("arch", e.arch().toString());
                c.put("mote", e.score().value());
                c.put(valCol, v);
                candidates.add(c);
                if (v > best) {
                    best = v;
                    chosen = e.arch();
                }
            }
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("arch", chosen.toString());
        res.put("variant", variant);
        if (t != null) {
            res.put("table_accuracy", t.require(chosen, Nb201Table.testColumn(tableDataset, 200)));
            res.put("table_column", Nb201Table.testColumn(tableDataset, 200));
        }
        res.put("evaluated", strategy.evaluated());
        res.put("seconds", TrainJob.round(moteSeconds[0]));
        res.put("wall_seconds", TrainJob.round((System.nanoTime() - t0) / 1e9));
        if (!variant.equals("ef")) {
            res.put("validation", "top-" + k + " by the table's " + tableDataset + "-val-12 column (no training time counted)");
        }
        res.put("seed", seed);
        res.put("run_dir", run.dir().toString());
        run.writeResult(res);
        Html h = new Html("jnas search mote (" + variant + ")").h2("Result").kv(res);
        if (!candidates.isEmpty()) {
            h.h2("Validated candidates").table(new ArrayList<>(candidates.get(0).keySet()), candidates);
        }
        h.h2("Configuration").pre(Files.readString(run.file("config.yaml")));
        AtomicFiles.writeString(run.file("report.html"), h.build());
        return res;
    }

    private static void record(RunDir run, String arch, Score s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("arch", arch);
        row.put("value", s.value());
        row.put("seconds", s.seconds());
        row.put("terms", s.terms());
        try {
            run.appendMetrics(row);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Score> replay(RunDir run) throws IOException {
        Map<String, Score> m = new LinkedHashMap<>();
        for (Map<String, Object> r : run.readMetrics()) {
            Map<String, Double> terms = new LinkedHashMap<>();
            ((Map<String, Object>) r.get("terms")).forEach((k, v) -> terms.put(k, ((Number) v).doubleValue()));
            m.put((String) r.get("arch"), new Score(((Number) r.get("value")).doubleValue(), terms,
                    ((Number) r.get("seconds")).doubleValue()));
        }
        return m;
    }
}
