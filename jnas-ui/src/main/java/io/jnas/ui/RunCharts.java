package io.jnas.ui;

import io.jnas.ui.ChartData.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of one run, chosen by what the run has written so far rather than by its kind: metric rows with a
 * training loss give learning curves, rows with α give the differentiable search's heat map and margins, rows of
 * scores give a search's scores by evaluation, a checkpoint or result with a hypervolume gives the NAT views,
 * scores.csv gives the estimator scatters. A new kind of run that writes these files gets these views unchanged.
 */
public final class RunCharts {
    private RunCharts() {
    }

    /** Every chart of the run in {@code dir} now (an empty list before it has written anything). */
    public static List<ChartData> of(Path dir) {
        List<ChartData> out = new ArrayList<>();
        List<Map<String, Object>> rows = Metrics.rows(dir);
        epochCharts(rows, out);
        SearchCharts.of(dir, rows, out);
        EstimateCharts.of(dir, out);
        return out;
    }

    /** The chart {@code name} of the run in {@code dir}, or null. */
    public static ChartData named(Path dir, String name) {
        return of(dir).stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** Learning curves (training, the differentiable search, the super-network) and α. */
    private static void epochCharts(List<Map<String, Object>> rows, List<ChartData> out) {
        List<Map<String, Object>> epochs = rows.stream().filter(r -> r.containsKey("epoch")).toList();
        if (epochs.isEmpty()) {
            return;
        }
        add(out, "loss", "Loss", "loss", epochs, "train_loss", "test_loss", "w_loss", "alpha_loss");
        add(out, "accuracy", "Accuracy", "top-1 (%)", epochs, "train_top1", "test_top1", "largest_val_top1");
        add(out, "throughput", "Throughput", "images/s", epochs, "images_per_second");
        add(out, "margins", "Decision margins of the edges", "α margin", epochs, "margin_min", "margin_mean");
        add(out, "table_accuracy", "Derived cell's accuracy in the table", "accuracy (%)", epochs, "table_accuracy");
        add(out, "skips", "Skip connections in the derived cell", "skips", epochs, "skips");
        Map<String, Object> last = epochs.get(epochs.size() - 1);
        if (last.get("alpha") instanceof List<?> alpha && !alpha.isEmpty()) {
            int epoch = ((Number) last.get("epoch")).intValue();
            if (alpha.get(0) instanceof List<?> first && !first.isEmpty() && first.get(0) instanceof List) {
                for (int c = 0; c < alpha.size(); c++) { // one matrix per cell type (normal, reduce)
                    out.add(alphaHeat(c == 0 ? "alpha" : "alpha_" + c, (List<?>) alpha.get(c), epoch));
                }
            } else {
                out.add(alphaHeat("alpha", alpha, epoch));
            }
        }
    }

    private static void add(List<ChartData> out, String name, String title, String yLabel,
            List<Map<String, Object>> rows, String... keys) {
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        List<Series> series = new ArrayList<>();
        for (String k : keys) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                if (r.get(k) instanceof Number v && r.get("epoch") instanceof Number e) {
                    x.add(e.doubleValue());
                    y.add(v.doubleValue());
                }
            }
            if (!y.isEmpty()) {
                ys.put(k, y);
                series.add(new Series(k, x, y));
            }
        }
        if (!series.isEmpty()) {
            out.add(ChartData.lines(name, title, "epoch", yLabel, series));
        }
    }

    /**
     * α of every edge (rows) and operation (columns) after the last epoch, as weights over the edge's operations
     * (what decides the derived cell), from a metrics row's {@code alpha}: a list of edges, each a list of numbers or an
     * object of operation to weight; raw logits are turned into weights by a softmax.
     */
    static ChartData alphaHeat(String name, List<?> alpha, int epoch) {
        List<String> ops = new ArrayList<>();
        List<double[]> edges = new ArrayList<>();
        for (Object edge : alpha) {
            if (edge instanceof Map<?, ?> m) {
                if (ops.isEmpty()) {
                    m.keySet().forEach(k -> ops.add(String.valueOf(k)));
                }
                edges.add(ops.stream().mapToDouble(o -> m.get(o) instanceof Number n ? n.doubleValue() : 0).toArray());
            } else if (edge instanceof List<?> l) {
                if (ops.isEmpty()) {
                    for (int i = 0; i < l.size(); i++) {
                        ops.add("op " + i);
                    }
                }
                edges.add(l.stream().mapToDouble(v -> v instanceof Number n ? n.doubleValue() : 0).toArray());
            }
        }
        double[][] v = new double[edges.size()][];
        List<String> rowNames = new ArrayList<>();
        for (int e = 0; e < edges.size(); e++) {
            double[] w = edges.get(e);
            boolean weights = java.util.Arrays.stream(w).allMatch(x -> x >= 0)
                    && Math.abs(java.util.Arrays.stream(w).sum() - 1) < 1e-3;
            v[e] = weights ? w : softmax(w);
            rowNames.add("edge " + e);
        }
        return new ChartData(name, "α after epoch " + epoch + " (weight of each operation per edge)", "operation", "edge", false, false,
                List.of(), new ChartData.Heat(rowNames, ops, v));
    }

    private static double[] softmax(double[] a) {
        double max = java.util.Arrays.stream(a).max().orElse(0);
        double[] e = java.util.Arrays.stream(a).map(x -> Math.exp(x - max)).toArray();
        double sum = java.util.Arrays.stream(e).sum();
        return java.util.Arrays.stream(e).map(x -> x / sum).toArray();
    }
}
