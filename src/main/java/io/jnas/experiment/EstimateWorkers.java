package io.jnas.experiment;

import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Estimators;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The estimate command's candidates scored by worker processes ({@code --workers N --threads T}). */
final class EstimateWorkers {
    private EstimateWorkers() {
    }

    /**
     * Scores {@code archs} (text forms) with the estimators {@code names} on the run's workers; each scored row goes to
     * {@code row} as it arrives (the order of completion); returns the failures as {arch, error}.
     */
    static List<Map<String, Object>> score(EstimateRun c, List<String> names, List<String> archs, RunDir run,
            Consumer<String> log, BiConsumer<String, Map<String, Double>> row) throws IOException {
        EstimatorSpec s = c.estimators();
        EstimatorSpec spec = new EstimatorSpec(s.space(), names, s.data(), s.mote(), s.table(), s.tableColumn(), s.seed(),
                s.ensemble());
        List<EvalTask> tasks = archs.stream().map(a -> new EvalTask(spec, a, c.threads())).toList();
        List<Map<String, Object>> failed = new ArrayList<>();
        if (archs.isEmpty()) {
            return failed;
        }
        int[] done = {0};
        try (WorkerPool pool = new WorkerPool(c.workers(), c.threads(), run.file("workers"), log)) {
            log.accept(archs.size() + " candidates to score on " + c.workers() + " worker processes x " + c.threads()
                    + " threads (logs in " + run.file("workers") + ")");
            pool.run(tasks, r -> {
                done[0]++;
                if (!r.ok()) {
                    failed.add(Map.of("arch", r.arch(), "error", r.error()));
                    log.accept(String.format("[%d/%d] %s  failed on %s: %s", done[0], archs.size(), r.arch(), r.host(),
                            r.error()));
                    return;
                }
                Map<String, Double> m = row(r, names);
                row.accept(r.arch(), m);
                log.accept(String.format("[%d/%d] %s  on %s, %.2f s", done[0], archs.size(), r.arch(), r.host(), r.seconds()));
            });
        }
        return failed;
    }

    /** A scores.csv row of a result: every estimator's columns, then the seconds. */
    static Map<String, Double> row(EvalResult r, List<String> names) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String e : names) {
            m.put(e, r.values().get(e));
            for (String col : Estimators.get(e).columns()) {
                if (!col.equals(e)) {
                    m.put(col, r.terms().getOrDefault(col, Double.NaN));
                }
            }
            m.put("seconds_" + e, r.estimatorSeconds().getOrDefault(e, Double.NaN));
        }
        m.put("seconds", r.seconds());
        return m;
    }
}
