package io.jnas.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One architecture of a run: what the run recorded of it (scores, costs, the benchmark's accuracy where the run names
 * a table) and the commands that train, fine-tune, cost or export it.
 *
 * @param arch the architecture's text form
 * @param space the search space's name (from the run's configuration), or null
 * @param figures every figure the run recorded for it
 * @param commands command lines to take it further
 */
public record ArchDetail(String arch, String space, Map<String, Object> figures, List<String> commands) {

    static ArchDetail of(RunFolder runs, String id, String arch) throws IOException {
        if (arch == null || arch.isBlank()) {
            throw new IllegalArgumentException("give the architecture as ?arch=");
        }
        Path dir = runs.resolve(id);
        Map<String, Object> figures = new LinkedHashMap<>();
        for (Map<String, Object> r : Metrics.rows(dir)) {
            if (arch.equals(r.get("arch"))) {
                r.forEach((k, v) -> {
                    if (!k.equals("arch") && !(v instanceof Map) && !(v instanceof List)) {
                        figures.put(k, v);
                    }
                });
            }
        }
        EstimateCharts.Scores scores = EstimateCharts.Scores.read(dir.resolve("scores.csv"));
        if (scores != null) {
            figures.putAll(scores.row(arch));
        }
        if (RunFolder.json(dir.resolve("result.json")).get("front") instanceof List<?> front) {
            for (Object m : front) {
                if (m instanceof Map<?, ?> member && arch.equals(member.get("arch"))) {
                    member.forEach((k, v) -> figures.put(String.valueOf(k), v));
                }
            }
        }
        figures.remove("arch");
        double[] truth = EstimateCharts.truth(dir, List.of(arch));
        if (truth != null && !Double.isNaN(truth[0])) {
            figures.put("table_accuracy", truth[0]);
        }
        Map<String, Object> cfg = RunFolder.config(dir);
        String space = find(cfg.get("config"), "space");
        Object supernet = find(cfg.get("config"), "supernet");
        return new ArchDetail(arch, space, figures, commands(arch, space, supernet == null ? null : supernet.toString(),
                id));
    }

    private static List<String> commands(String arch, String space, String supernet, String id) {
        List<String> out = new ArrayList<>();
        String quoted = "'" + arch.replace("'", "'\\''") + "'";
        if (supernet != null) {
            out.add("jnas finetune --supernet " + supernet + " --subnet " + quoted);
            out.add("jnas export RUN_OF_FINETUNE --benchmark");
        } else if (space != null) {
            out.add("jnas cost " + space + " --arch " + quoted + " --json");
            out.add("jnas train " + space + " --arch " + quoted + " --dataset DATASET --out runs/train-" + space);
            out.add("jnas export runs/train-" + space + " --benchmark");
        }
        return out;
    }

    /** The first value of {@code key} in a nested configuration, depth first. */
    @SuppressWarnings("unchecked")
    static String find(Object node, String key) {
        if (node instanceof Map<?, ?> m) {
            if (m.get(key) instanceof String s) {
                return s;
            }
            for (Object v : ((Map<String, Object>) m).values()) {
                String s = find(v, key);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }
}
