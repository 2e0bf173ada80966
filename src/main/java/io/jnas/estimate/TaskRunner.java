package io.jnas.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@link EvalTask}s in this process, keeping one estimator context per spec, so that the data, MOTE's reduced
 * dataset and every estimator are built once per worker, not once per task. A candidate that fails for a reason of
 * its own becomes a failed {@link EvalResult}; the runner goes on.
 */
public final class TaskRunner {
    private final Map<String, EstimatorContext<Object>> contexts = new LinkedHashMap<>();
    private final Consumer<String> log;
    private final String host;

    /** @param log receives what a context loads or builds */
    public TaskRunner(Consumer<String> log) {
        this.log = log;
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            name = "localhost";
        }
        this.host = name + "/" + ProcessHandle.current().pid();
    }

    /** Where this runner runs: host name / process id. */
    public String host() {
        return host;
    }

    /** Runs one task. */
    public EvalResult run(EvalTask task) {
        long t0 = System.nanoTime();
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> terms = new LinkedHashMap<>();
        Map<String, Double> secs = new LinkedHashMap<>();
        try {
            EstimatorContext<Object> ctx = context(task.spec());
            Object arch = ctx.kit().parse(task.arch());
            for (String e : task.spec().estimators()) {
                Score s = ctx.shared(e).estimate(arch);
                if (Double.isNaN(s.value())) {
                    return failed(task, t0, e + " gave NaN");
                }
                values.put(e, s.value());
                terms.putAll(s.terms());
                secs.put(e, s.seconds());
            }
            return new EvalResult(task.arch(), values, terms, secs, seconds(t0), host, null);
        } catch (RuntimeException | OutOfMemoryError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            return failed(task, t0, why);
        }
    }

    private EvalResult failed(EvalTask task, long t0, String why) {
        return new EvalResult(task.arch(), Map.of(), Map.of(), Map.of(), seconds(t0), host, why);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private synchronized EstimatorContext<Object> context(EstimatorSpec spec) {
        return contexts.computeIfAbsent(io.jnas.run.Json.write(spec), k -> EstimatorContext.open(spec, log));
    }
}
