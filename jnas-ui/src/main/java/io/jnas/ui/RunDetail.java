package io.jnas.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run as the page shows it: its summary, the charts it has now (name, title, points), the pictures it wrote
 * (its report's images, reconstructions), its configuration and result, the architectures worth opening (a front's
 * members, the best scored) and a version stamp that changes whenever the run writes metrics, scores or a result.
 *
 * @param summary the run's line in the list
 * @param version changes when any file the charts are drawn from changes
 * @param charts the charts: name, title, number of points and of points per series
 * @param images the run's own PNG files
 * @param archs architectures to open, each with the figures known of it
 * @param config config.yaml's {@code config}
 * @param result result.json (empty while running)
 */
public record RunDetail(RunFolder.Summary summary, String version, List<Map<String, Object>> charts, List<String> images,
        List<Map<String, Object>> archs, Object config, Map<String, Object> result) {
    private static final int ARCHS = 25;

    static RunDetail of(RunFolder runs, String id) throws IOException {
        Path dir = runs.resolve(id);
        RunFolder.Summary summary = runs.summary(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
        List<Map<String, Object>> charts = new ArrayList<>();
        for (ChartData c : RunCharts.of(dir)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("title", c.title());
            m.put("points", c.heat() != null ? c.heat().rows().size() * c.heat().columns().size() : c.points());
            Map<String, Integer> series = new LinkedHashMap<>();
            c.series().forEach(x -> series.put(x.name(), x.size()));
            m.put("series", series);
            charts.add(m);
        }
        Map<String, Object> result = RunFolder.json(dir.resolve("result.json"));
        return new RunDetail(summary, version(dir), charts, images(dir), archs(dir, result),
                RunFolder.config(dir).get("config"), result);
    }

    /** Sizes and times of the files the views read. */
    static String version(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("metrics.jsonl", "scores.csv", "result.json", "status.json", "checkpoint/state.json")) {
            Path p = dir.resolve(f);
            try {
                sb.append(Files.isRegularFile(p) ? Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis() : "-")
                        .append(';');
            } catch (IOException e) {
                sb.append("?;");
            }
        }
        return Integer.toHexString(sb.toString().hashCode());
    }

    private static List<String> images(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".png") && Files.isRegularFile(p))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A front's members, else the best scored architectures, else the result's architecture. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> archs(Path dir, Map<String, Object> result) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (result.get("front") instanceof List<?> front) {
            for (Object m : front) {
                if (m instanceof Map<?, ?> member) {
                    out.add((Map<String, Object>) member);
                }
            }
            return out;
        }
        Map<String, Map<String, Object>> best = new LinkedHashMap<>();
        for (Map<String, Object> r : Metrics.rows(dir)) {
            if (r.get("arch") instanceof String a && r.get("value") instanceof Number) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("arch", a);
                m.put("score", r.get("value"));
                best.merge(a, m, (x, y) -> ((Number) x.get("score")).doubleValue() >= ((Number) y.get("score"))
                        .doubleValue() ? x : y);
            }
        }
        EstimateCharts.Scores scores = EstimateCharts.Scores.read(dir.resolve("scores.csv"));
        if (scores != null) {
            for (String a : scores.archs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("arch", a);
                scores.row(a).forEach((k, v) -> {
                    if (!k.startsWith("seconds")) {
                        m.put(k, v);
                    }
                });
                best.putIfAbsent(a, m);
            }
        }
        best.values().stream().sorted(Comparator.comparingDouble((Map<String, Object> m) -> m.get("score") instanceof Number n
                ? -n.doubleValue() : 0)).limit(ARCHS).forEach(out::add);
        if (out.isEmpty() && result.get("arch") instanceof String a) {
            out.add(Map.of("arch", a));
        }
        return out;
    }
}
