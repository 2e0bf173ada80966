package io.jnas.ui;

import io.jnas.ui.ChartData.Series;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The views of a search from its score rows ({@code round, arch, value}) and, for a multi-objective search, the
 * objectives of each row ({@code params}, {@code macs}) and the hypervolume of the archive after each iteration (in
 * its checkpoint while it runs, in result.json when it is done).
 */
final class SearchCharts {
    private SearchCharts() {
    }

    static void of(Path dir, List<Map<String, Object>> rows, List<ChartData> out) {
        List<Map<String, Object>> scored = rows.stream().filter(r -> r.containsKey("round") && r.containsKey("value"))
                .toList();
        if (scored.isEmpty()) {
            return;
        }
        List<Double> n = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        List<Double> best = new ArrayList<>();
        double b = Double.NEGATIVE_INFINITY;
        for (Map<String, Object> r : scored) {
            double v = number(r.get("value"));
            n.add((double) n.size() + 1);
            value.add(v);
            b = Double.isNaN(v) ? b : Math.max(b, v);
            best.add(b);
        }
        out.add(ChartData.points("scores", "Score of each evaluation", "evaluation", "score",
                List.of(new Series("score", n, value))));
        out.add(ChartData.lines("best", "Best score so far", "evaluation", "score", List.of(new Series("best", n, best))));
        rounds(scored, out);
        fronts(dir, scored, out);
        hypervolume(dir, scored, out);
    }

    /** Scores by round: each round's best and mean. */
    private static void rounds(List<Map<String, Object>> scored, List<ChartData> out) {
        java.util.TreeMap<Integer, double[]> byRound = new java.util.TreeMap<>();
        for (Map<String, Object> r : scored) {
            double v = number(r.get("value"));
            if (!Double.isNaN(v)) {
                double[] a = byRound.computeIfAbsent(((Number) r.get("round")).intValue(),
                        k -> new double[] {Double.NEGATIVE_INFINITY, 0, 0});
                a[0] = Math.max(a[0], v);
                a[1] += v;
                a[2]++;
            }
        }
        if (byRound.size() < 2) {
            return;
        }
        List<Double> x = byRound.keySet().stream().map(Integer::doubleValue).toList();
        out.add(ChartData.lines("rounds", "Scores by round", "round", "score", List.of(
                new Series("best", x, byRound.values().stream().map(a -> a[0]).toList()),
                new Series("mean", x, byRound.values().stream().map(a -> a[1] / a[2]).toList()))));
    }

    /**
     * Error against params and MACs: every evaluated architecture, and the front: result.json's when the search is
     * done, else the non-dominated ones among those evaluated so far.
     */
    private static void fronts(Path dir, List<Map<String, Object>> scored, List<ChartData> out) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Object> r : scored) {
            if (r.get("params") instanceof Number p && r.get("macs") instanceof Number m && !Double.isNaN(number(r.get("value")))) {
                pts.add(new double[] {100 - number(r.get("value")), p.doubleValue(), m.doubleValue()});
            }
        }
        if (pts.isEmpty()) {
            return;
        }
        List<double[]> front = Pareto.front(pts);
        if (RunFolder.json(dir.resolve("result.json")).get("front") instanceof List<?> done) {
            front = new ArrayList<>();
            for (Object o : done) {
                if (o instanceof Map<?, ?> m && m.get("error") instanceof Number e && m.get("params") instanceof Number p
                        && m.get("macs") instanceof Number mac) {
                    front.add(new double[] {e.doubleValue(), p.doubleValue(), mac.doubleValue()});
                }
            }
        }
        String[] names = {"error", "params", "macs"};
        String[] labels = {"error (%)", "parameters", "MACs"};
        int[][] pairs = {{1, 0}, {2, 0}, {1, 2}};
        for (int[] p : pairs) {
            out.add(ChartData.points("front_" + names[p[1]] + "_" + names[p[0]], names[p[1]] + " against " + names[p[0]],
                    labels[p[0]], labels[p[1]], List.of(series("evaluated", pts, p), series("front", front, p))));
        }
        latency(dir, scored, out);
    }

    /**
     * Error against latency where the search traded latency: every evaluated architecture at its predicted latency,
     * the finished front at its measured latency (during the search: the predicted front).
     */
    private static void latency(Path dir, List<Map<String, Object>> scored, List<ChartData> out) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Object> r : scored) {
            if (r.get("latency_ms") instanceof Number l && !Double.isNaN(number(r.get("value")))) {
                pts.add(new double[] {l.doubleValue(), 100 - number(r.get("value"))});
            }
        }
        if (pts.isEmpty()) {
            return;
        }
        List<double[]> front = Pareto.front(pts);
        String frontName = "front (predicted)";
        if (RunFolder.json(dir.resolve("result.json")).get("front") instanceof List<?> done) {
            front = new ArrayList<>();
            frontName = "front (measured)";
            for (Object o : done) {
                if (o instanceof Map<?, ?> m && m.get("error") instanceof Number e && m.get("latency_ms") instanceof Number l) {
                    front.add(new double[] {l.doubleValue(), e.doubleValue()});
                }
            }
        }
        int[] axes = {0, 1};
        out.add(ChartData.points("front_error_latency", "error against latency", "latency (ms)", "error (%)",
                List.of(series("evaluated (predicted)", pts, axes), series(frontName, front, axes))));
    }

    private static Series series(String name, List<double[]> pts, int[] axes) {
        return new Series(name, pts.stream().map(q -> q[axes[0]]).toList(), pts.stream().map(q -> q[axes[1]]).toList());
    }

    /** The archive's hypervolume after each iteration, against the evaluations made by then. */
    @SuppressWarnings("unchecked")
    private static void hypervolume(Path dir, List<Map<String, Object>> scored, List<ChartData> out) {
        Object hv = RunFolder.json(dir.resolve("result.json")).get("hypervolume");
        if (!(hv instanceof List)) {
            hv = Checkpoints.state(dir).get("hypervolume");
        }
        if (!(hv instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int it = 0; it < list.size(); it++) {
            final int round = it;
            x.add((double) scored.stream().filter(r -> ((Number) r.get("round")).intValue() <= round).count());
            y.add(number(list.get(it)));
        }
        out.add(ChartData.lines("hypervolume", "Hypervolume of the archive", "evaluations", "hypervolume (normalised)",
                List.of(new Series("hypervolume", x, y))));
    }

    static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
