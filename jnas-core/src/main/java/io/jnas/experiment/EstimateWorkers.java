package io.jnas.experiment;

import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Estimators;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.engine.Engine;
import io.jnas.engine.Engines;
import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** The estimate command's candidates scored outside this process: worker processes or a cluster ({@code --engine}). */
final class EstimateWorkers {
    private EstimateWorkers() {
    }

    /**
     * Scores {@code archs} (text forms) with the estimators {@code names} on the run's engine; each scored row goes to
     * {@code row} as it arrives (the order of completion); returns the failures as {arch, error}. {@code ctx} holds
     * the data this process loaded, shipped to workers that cannot read the spec's files.
     */
    static List<Map<String, Object>> score(EstimateRun c, EstimatorContext<?> ctx, List<String> names, List<String> archs,
            RunDir run, Consumer<String> log, BiConsumer<String, Map<String, Double>> row) throws IOException {
        EstimatorSpec s = c.estimators();
        EstimatorSpec spec = new EstimatorSpec(s.space(), names, s.data(), s.mote(), s.table(), s.tableColumn(), s.seed(),
                s.ensemble());
        List<Map<String, Object>> failed = new ArrayList<>();
        if (archs.isEmpty()) {
            return failed;
        }
        try (Engine engine = Engines.open(c.engine(), run.dir(), log)) {
            Map<String, String> shipped = engine.ship(ctx);
            List<EvalTask> tasks = archs.stream().map(a -> new EvalTask(spec, a, c.engine().threads(), shipped)).toList();
            log.accept(archs.size() + " candidates to score on " + engine.describe());
            Engines.runAll(engine, tasks, (r, p) -> {
                if (!r.ok()) {
                    failed.add(Map.of("arch", r.arch(), "error", r.error()));
                    log.accept(String.format("%s %s  failed on %s: %s", p, r.arch(), r.host(), r.error()));
                    return;
                }
                row.accept(r.arch(), row(r, names));
                log.accept(String.format("%s %s  on %s, %.2f s", p, r.arch(), r.host(), r.seconds()));
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
