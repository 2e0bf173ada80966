package io.jnas.experiment;

import io.jnas.data.Dataset;
import io.jnas.estimate.Nb201Table;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.report.Report;
import io.jnas.report.SearchReport;
import io.jnas.run.AtomicFiles;
import io.jnas.run.RunDir;
import io.jnas.search.darts.DifferentiableSearch;
import io.jnas.search.darts.Reconstructions;
import io.jnas.space.nb201.Nb201Cell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code search-differentiable}: MAE-NAS or supervised DARTS with per-epoch checkpoints, then the derived
 * architecture, the α heat map, the reconstructions (MAE), the cell diagrams, result.json and report.html.
 */
public final class DiffSearchExperiment implements Experiment<DiffSearchRun, DiffSearchResult> {
    @Override
    public String name() {
        return "search-differentiable";
    }

    @Override
    public Class<DiffSearchRun> configType() {
        return DiffSearchRun.class;
    }

    @Override
    public Class<DiffSearchResult> resultType() {
        return DiffSearchResult.class;
    }

    @Override
    public long seed(DiffSearchRun c) {
        return c.search().seed();
    }

    @Override
    public Prepared<DiffSearchResult> prepare(DiffSearchRun c, Consumer<String> log) throws IOException {
        Nb201Table table = null;
        if (c.table() != null) {
            table = Nb201Table.forSpace(SpaceKits.get(c.search().space()).space(), Path.of(c.table()));
        }
        Dataset d = c.data().load();
        log.accept(d.describe() + "; searching on the " + d.train().size() + " training images"
                + (c.search().objective().equals("mae") ? " (labels are not read)" : ""));
        Nb201Table t = table;
        return run -> execute(c, d, t, run, log);
    }

    private DiffSearchResult execute(DiffSearchRun c, Dataset d, Nb201Table t, RunDir run, Consumer<String> log)
            throws IOException {
        long t0 = System.nanoTime();
        String column = Nb201Table.testColumn(c.tableDataset(), 200);
        try (DifferentiableSearch s = new DifferentiableSearch(c.search(), d.train())) {
            List<Map<String, Object>> rows = new ArrayList<>(run.readMetrics());
            s.run(run, log, e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("w_loss", e.weightLoss());
                m.put("alpha_loss", e.alphaLoss());
                m.put("lr", e.lr());
                m.put("skips", e.skips());
                m.put("seconds", e.seconds());
                m.put("arch", e.arch());
                m.put("margin_min", e.marginMin());
                m.put("margin_mean", e.marginMean());
                m.put("alpha", e.alpha());
                if (t != null) {
                    m.put("table_accuracy", t.require(Nb201Cell.parse(e.arch()), column));
                }
                try {
                    run.appendMetrics(m);
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
                rows.removeIf(r -> ((Number) r.get("epoch")).intValue() == e.epoch());
                rows.add(m);
            });
            String arch = s.supernet().derive();
            double[] margins = s.supernet().decisionMargins();
            boolean mae = c.search().objective().equals("mae");
            DiffSearchResult res = new DiffSearchResult(arch, s.supernet().derivedSkips(),
                    Results.round4(java.util.Arrays.stream(margins).min().orElse(0)),
                    Results.round4(java.util.Arrays.stream(margins).average().orElse(0)),
                    Results.round3(rows.stream().mapToDouble(r -> ((Number) r.get("seconds")).doubleValue()).sum()),
                    Results.round3((System.nanoTime() - t0) / 1e9), c.search().space(), c.search().objective(),
                    mae ? c.search().mae().maskRatio() : null, mae ? (c.search().mae().hierarchical() ? "hierarchical" : "plain")
                    : null, c.search().epochs(), c.search().seed(), t != null ? t.require(Nb201Cell.parse(arch), column) : null,
                    t != null ? column : null, run.dir().toString());
            run.writeResult(res);
            report(c, s, d, run, res, rows);
            AtomicFiles.writeString(run.file("arch.txt"), arch + "\n");
            return res;
        }
    }

    private void report(DiffSearchRun c, DifferentiableSearch s, Dataset d, RunDir run, DiffSearchResult res,
            List<Map<String, Object>> rows) throws IOException {
        Report r = Report.of(run, "jnas search: " + c.search().objective() + " on " + c.search().space() + " / " + d.name())
                .result(res).section("Search per epoch")
                .table(List.of("epoch", "w_loss", "alpha_loss", "lr", "skips", "margin_min", "margin_mean", "seconds", "arch"), rows)
                .text("margin: per edge, the softmax(α) weight of the derived operation minus the runner-up's; the derived "
                        + "cell is decided by a clear margin only when the smallest one is well above 0.");
        List<String> diagrams = diagrams(SpaceKits.get(c.search().space()), res.arch(), run);
        for (String f : diagrams) {
            if (f.endsWith(".svg")) {
                r.section("Derived cell: " + f).image(f);
            }
        }
        if (diagrams.stream().noneMatch(f -> f.endsWith(".svg"))) {
            r.text("Cell diagrams as Graphviz DOT (install graphviz for SVG): " + String.join(", ", diagrams));
        }
        SearchReport.alphaHeatmap(run.file("alpha.png"), s.supernet().alphaNames(), s.supernet().alphaSoftmax(),
                s.supernet().opNames());
        r.section("alpha.png").image("alpha.png");
        if (s.objective() instanceof MaeObjective mae) {
            Reconstructions g = Reconstructions.of(s, mae, d.train());
            SearchReport.imageGrid(run.file("reconstruction.png"), g.rowNames(), g.rows(), g.channels(), g.height(), g.width());
            r.section("reconstruction.png").image("reconstruction.png");
        }
        r.write();
    }

    private static <A> List<String> diagrams(SpaceKit<A> kit, String arch, RunDir run) throws IOException {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : kit.space().diagrams(kit.parse(arch)).entrySet()) {
            files.addAll(SearchReport.writeDiagram(run, e.getKey(), e.getValue()));
        }
        return files;
    }
}
