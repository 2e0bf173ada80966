package io.jnas.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The few figures of a result.json that the list of runs shows. Chosen by the fields a result has, not by the kind of
 * run, so that a new experiment's result shows without a change here.
 */
final class KeyResults {
    /** Fields shown when present, in this order. */
    private static final List<String> FIELDS = List.of("test_top1", "table_accuracy", "best_error", "val_top1", "evaluated",
            "archive", "params", "macs", "seconds_per_arch", "seconds");

    private KeyResults() {
    }

    /** The key figures of {@code result} (empty while a run has none). */
    static Map<String, Object> of(String command, Map<String, Object> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : FIELDS) {
            if (result.get(f) != null && m.size() < 4) {
                m.put(f, result.get(f));
            }
        }
        if (result.get("estimators") instanceof Map<?, ?> est) {
            String best = null;
            double tau = Double.NEGATIVE_INFINITY;
            for (Map.Entry<?, ?> e : est.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> stats && stats.get("kendall") instanceof Number k
                        && k.doubleValue() > tau) {
                    tau = k.doubleValue();
                    best = String.valueOf(e.getKey());
                }
            }
            if (best != null) {
                m.put("best_estimator", best);
                m.put("kendall", tau);
            }
        }
        Object arch = result.get("arch") != null ? result.get("arch") : result.get("best");
        if (arch != null) {
            m.put("arch", arch);
        } else if (result.get("subnet") != null) {
            m.put("arch", result.get("subnet"));
        }
        return m;
    }
}
