package io.jnas.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.data.ImageData;
import io.jnas.estimate.Nb201Table;
import io.jnas.nn.Ctx;
import io.jnas.nn.NoGrad;
import io.jnas.nn.supernet.DartsSupernet;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.report.SearchReport;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.run.Versions;
import io.jnas.search.darts.DifferentiableSearch;
import io.jnas.search.darts.SearchConfig;
import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A differentiable search run (MAE-NAS or supervised DARTS), resolvable from config.yaml:
 * search with per-epoch checkpoints, then the α heat map, reconstructions, cell diagram,
 * result.json and report.html.
 *
 * @param search the search settings
 * @param data the images searched on (training split only)
 * @param table optional NAS-Bench-201 table for the derived cell's true accuracy
 * @param tableDataset which data set's accuracy to report from the table
 */
public record SearchJob(SearchConfig search, DataSpec data, String table, String tableDataset) {

    public Map<String, Object> toConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("command", "search");
        c.put("seed", search.seed());
        c.put("search", Json.MAPPER.convertValue(search, new TypeReference<Map<String, Object>>() {
        }));
        c.put("data", Json.MAPPER.convertValue(data, new TypeReference<Map<String, Object>>() {
        }));
        c.put("table", table);
        c.put("table_dataset", tableDataset);
        c.put("versions", Versions.all());
        return c;
    }

    public static SearchJob fromConfig(Map<String, Object> c) {
        try {
            return new SearchJob(Json.MAPPER.convertValue(c.get("search"), SearchConfig.class),
                    Json.MAPPER.convertValue(c.get("data"), DataSpec.class), (String) c.get("table"),
                    (String) c.get("table_dataset"));
        } catch (IllegalArgumentException e) {
            throw new UserError("config.yaml does not describe a search (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    public Map<String, Object> start(Path dir, Output out) throws IOException {
        Nb201Table t = loadTable();
        RunDir run = RunDir.create(dir);
        run.writeConfig(toConfig());
        out.info("run directory: " + dir);
        return execute(run, out, t);
    }

    private Nb201Table loadTable() throws IOException {
        if (table == null) {
            return null;
        }
        if (!search.space().equals("nb201")) {
            throw new UserError("--table holds NAS-Bench-201 accuracies; it only applies to --space nb201");
        }
        return Nb201Table.load(Path.of(table));
    }

    public Map<String, Object> resume(RunDir run, Output out) throws IOException {
        return execute(run, out, loadTable());
    }

    private Map<String, Object> execute(RunDir run, Output out, Nb201Table t) throws IOException {
        Dataset d = data.load();
        out.info(d.describe() + "; searching on the " + d.train().size() + " training images"
                + (search.objective().equals("mae") ? " (labels are not read)" : ""));
        long t0 = System.nanoTime();
        try (DifferentiableSearch s = new DifferentiableSearch(search, d.train())) {
            List<Map<String, Object>> rows = new ArrayList<>(run.readMetrics());
            List<DifferentiableSearch.Epoch> history = s.run(run, out::info, e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("w_loss", e.weightLoss());
                m.put("alpha_loss", e.alphaLoss());
                m.put("lr", e.lr());
                m.put("skips", e.skips());
                m.put("seconds", e.seconds());
                m.put("arch", e.arch());
                m.put("alpha", e.alpha());
                if (t != null) {
                    m.put("table_accuracy", t.require(Nb201Cell.parse(e.arch()), Nb201Table.testColumn(tableDataset, 200)));
                }
                try {
                    run.appendMetrics(m);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                rows.removeIf(r -> ((Number) r.get("epoch")).intValue() == e.epoch());
                rows.add(m);
            });
            double searchSeconds = rows.stream().mapToDouble(r -> ((Number) r.get("seconds")).doubleValue()).sum();
            String arch = s.supernet().derive();
            List<String> images = new ArrayList<>();
            SearchReport.alphaHeatmap(run.file("alpha.png"), s.supernet().alphaNames(), s.supernet().alphaSoftmax(),
                    s.supernet().opNames());
            images.add("alpha.png");
            if (s.objective() instanceof MaeObjective mae) {
                reconstructions(run, s, mae, d.train());
                images.add("reconstruction.png");
            }
            List<String> diagrams = new ArrayList<>();
            if (s.supernet() instanceof DartsSupernet ds) {
                Genotype g = ds.genotype();
                diagrams.addAll(SearchReport.writeDiagram(run, "normal", SearchReport.dot("normal", g.normal(), g.normalConcat())));
                diagrams.addAll(SearchReport.writeDiagram(run, "reduce", SearchReport.dot("reduce", g.reduce(), g.reduceConcat())));
            } else {
                diagrams.addAll(SearchReport.writeDiagram(run, "cell", SearchReport.dot(Nb201Cell.parse(arch))));
            }
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("arch", arch);
            res.put("skips", s.supernet().derivedSkips());
            res.put("seconds", TrainJob.round(searchSeconds));
            res.put("wall_seconds", TrainJob.round((System.nanoTime() - t0) / 1e9));
            res.put("space", search.space());
            res.put("objective", search.objective());
            if (search.objective().equals("mae")) {
                res.put("mask_ratio", search.mae().maskRatio());
                res.put("decoder", search.mae().hierarchical() ? "hierarchical" : "plain");
            }
            res.put("epochs", search.epochs());
            res.put("seed", search.seed());
            if (t != null) {
                res.put("table_accuracy", t.require(Nb201Cell.parse(arch), Nb201Table.testColumn(tableDataset, 200)));
                res.put("table_column", Nb201Table.testColumn(tableDataset, 200));
            }
            res.put("run_dir", run.dir().toString());
            run.writeResult(res);
            List<Map<String, Object>> table = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                Map<String, Object> copy = new LinkedHashMap<>(r);
                copy.remove("alpha");
                table.add(copy);
            }
            SearchReport.html(run, "jnas search: " + search.objective() + " on " + search.space() + " / " + d.name(), res,
                    images, diagrams, table);
            AtomicFiles.writeString(run.file("arch.txt"), arch + "\n");
            return res;
        }
    }

    /** Original / masked / reconstructed rows for 8 training images (the paper's Fig. 2). */
    private static void reconstructions(RunDir run, DifferentiableSearch s, MaeObjective mae, ImageData train)
            throws IOException {
        int n = Math.min(8, train.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * train.size() / n);
        }
        try (NDManager m = s.manager().newSubManager(); NoGrad ng = new NoGrad()) {
            Batcher b = new Batcher(train, s.normalization(), Augment.NONE);
            Batcher.Batch batch = b.batch(m, idx, 0, n, null);
            Ctx ctx = new Ctx(m, true, Seeds.stream(0, 99), null);
            NDArray x = batch.x();
            Shape sh = x.getShape();
            NDArray mask = mae.drawMask(ctx, sh.get(0), sh.get(2), sh.get(3), Seeds.stream(0, 98));
            NDArray rec = mae.denormalize(mae.reconstruct(ctx, s.supernet(), x, mask), x);
            NDArray full = io.jnas.nn.supernet.Supernet.maskAt(mask, sh.get(2), sh.get(3));
            NDArray mean = m.create(s.normalization().mean(), new Shape(1, sh.get(1), 1, 1));
            NDArray std = m.create(s.normalization().std(), new Shape(1, sh.get(1), 1, 1));
            NDArray orig = x.mul(std).add(mean);
            NDArray shown = orig.mul(full).add(full.neg().add(1f).mul(0.5f));
            NDArray recon = rec.mul(std).add(mean);
            NDArray pasted = orig.mul(full).add(recon.mul(full.neg().add(1f)));
            List<List<float[]>> rows = new ArrayList<>();
            for (NDArray a : List.of(orig, shown, recon, pasted)) {
                List<float[]> row = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    row.add(a.get(i).toFloatArray());
                }
                rows.add(row);
            }
            SearchReport.imageGrid(run.file("reconstruction.png"), List.of("original", "masked", "reconstructed",
                    "visible+rec."), rows, (int) sh.get(1), (int) sh.get(2), (int) sh.get(3));
        }
    }
}
