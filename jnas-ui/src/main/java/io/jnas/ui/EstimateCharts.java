package io.jnas.ui;

import io.jnas.estimate.Correlation;
import io.jnas.estimate.Nb201Table;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.ui.ChartData.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views of an estimate study from its scores.csv: each estimator against the benchmark's accuracy (when the run
 * names a NAS-Bench-201 table), Kendall τ as it settles with the architectures scored so far, and seconds per
 * architecture.
 */
final class EstimateCharts {
    private static final Map<String, Nb201Table> TABLES = new ConcurrentHashMap<>();

    private EstimateCharts() {
    }

    static void of(Path dir, List<ChartData> out) {
        Scores s = Scores.read(dir.resolve("scores.csv"));
        if (s == null || s.archs().isEmpty()) {
            return;
        }
        List<Double> n = new ArrayList<>();
        for (int i = 1; i <= s.archs().size(); i++) {
            n.add((double) i);
        }
        if (s.columns().containsKey("seconds")) {
            out.add(ChartData.lines("seconds", "Seconds per architecture", "architecture", "seconds",
                    List.of(new Series("seconds", n, s.columns().get("seconds")))));
        }
        double[] truth = truth(dir, s.archs());
        if (truth == null) {
            return;
        }
        List<Series> taus = new ArrayList<>();
        for (Map.Entry<String, List<Double>> c : s.columns().entrySet()) {
            String name = c.getKey();
            if (name.startsWith("seconds") || name.equals("labelled")) {
                continue;
            }
            double[] v = c.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i]) && !Double.isNaN(truth[i])) {
                    x.add(v[i]);
                    y.add(truth[i]);
                }
            }
            double lo = x.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double hi = x.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            boolean log = lo > 0 && hi / lo > 1e3; // synflow spans dozens of decades
            out.add(new ChartData("scatter_" + name, name + " against the benchmark's accuracy", name + (log ? " (log)" : ""),
                    "accuracy (%)", true, log, List.of(new Series(name, x, y)), null));
            taus.add(settling(name, v, truth));
        }
        out.add(ChartData.lines("tau", "Kendall τ with the architectures scored so far", "architectures", "Kendall τ",
                taus));
    }

    /** τ over the first k architectures, for about 40 values of k. */
    private static Series settling(String name, double[] v, double[] truth) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int step = Math.max(1, v.length / 40);
        for (int k = Math.min(5, v.length); k <= v.length; k += step) {
            List<double[]> pairs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (Double.isFinite(v[i]) && !Double.isNaN(truth[i])) {
                    pairs.add(new double[] {v[i], truth[i]});
                }
            }
            if (pairs.size() >= 3) {
                x.add((double) k);
                y.add(Correlation.kendall(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray()));
            }
        }
        return new Series(name, x, y);
    }

    /** The benchmark's accuracy of each architecture, from the table and column the run's configuration names. */
    @SuppressWarnings("unchecked")
    static double[] truth(Path dir, List<String> archs) {
        Map<String, Object> cfg = RunFolder.config(dir);
        Object est = cfg.get("config") instanceof Map<?, ?> c ? ((Map<String, Object>) c).get("estimators") : null;
        if (!(est instanceof Map<?, ?> e) || !(e.get("table") instanceof String table)
                || !(e.get("table_column") instanceof String column)) {
            return null;
        }
        Nb201Table t = table(table);
        if (t == null) {
            return null;
        }
        double[] out = new double[archs.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                OptionalDouble a = t.get(Nb201Cell.parse(archs.get(i)), column);
                out[i] = a.isPresent() ? a.getAsDouble() : Double.NaN;
            } catch (IllegalArgumentException ex) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static Nb201Table table(String path) {
        Nb201Table t = TABLES.get(path);
        if (t == null && Files.exists(Path.of(path))) {
            try {
                t = Nb201Table.load(Path.of(path));
                TABLES.put(path, t);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return t;
    }

    /** A scores.csv: architectures in order and each numeric column. */
    record Scores(List<String> archs, Map<String, List<Double>> columns) {
        static Scores read(Path csv) {
            if (!Files.isRegularFile(csv)) {
                return null;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(csv);
            } catch (IOException e) {
                return null;
            }
            if (lines.isEmpty()) {
                return null;
            }
            String[] head = lines.get(0).split(",");
            Map<String, List<Double>> cols = new LinkedHashMap<>();
            for (int j = 1; j < head.length; j++) {
                cols.put(head[j], new ArrayList<>());
            }
            List<String> archs = new ArrayList<>();
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",", -1);
                if (f.length != head.length) {
                    continue; // a line being written
                }
                archs.add(f[0]);
                for (int j = 1; j < head.length; j++) {
                    cols.get(head[j]).add(parse(f[j]));
                }
            }
            return new Scores(archs, cols);
        }

        private static double parse(String s) {
            try {
                return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        /** The row of {@code arch}: column to value. */
        Map<String, Double> row(String arch) {
            int i = archs.indexOf(arch);
            Map<String, Double> m = new LinkedHashMap<>();
            if (i >= 0) {
                columns.forEach((k, v) -> m.put(k, v.get(i)));
            }
            return m;
        }
    }
}
