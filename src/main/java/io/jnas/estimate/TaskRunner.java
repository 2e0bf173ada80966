package io.jnas.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs {@link EvalTask}s in this process, keeping one estimator context per spec, so that the data, MOTE's reduced
 * dataset and every estimator are built once per worker, not once per task. A candidate that fails for a reason of
 * its own becomes a failed {@link EvalResult}; the runner goes on. A task's shipped artifacts are found through the
 * runner's resolver (on a Spark executor: the files shipped with the job, checked against their SHA-256). A task
 * meant for another libtorch thread count than this process's fails: its score would not be the one it gets elsewhere.
 */
public final class TaskRunner {
    private final Map<String, EstimatorContext<Object>> contexts = new LinkedHashMap<>();
    private final Consumer<String> log;
    private final String host;
    private final java.util.function.Function<String, java.nio.file.Path> artifacts;

    /** @param log receives what a context loads or builds */
    public TaskRunner(Consumer<String> log) {
        this(log, ref -> {
            throw new IllegalArgumentException("this worker has no shipped files (" + ref + ")");
        });
    }

    /**
     * @param log receives what a context loads or builds
     * @param artifacts the local file of a shipped artifact's reference ({@code SHA256/FILE})
     */
    public TaskRunner(Consumer<String> log, java.util.function.Function<String, java.nio.file.Path> artifacts) {
        this.log = log;
        this.artifacts = artifacts;
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
            int mine = Integer.getInteger("ai.djl.pytorch.num_threads", task.threads());
            if (mine != task.threads()) {
                return failed(task, t0, "the task is meant for " + task.threads() + " libtorch threads, this worker runs "
                        + mine);
            }
            EstimatorContext<Object> ctx = context(task);
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

    /** The shipped table files ({@code table/K}) gathered in a folder of their own, or null when none were shipped. */
    private java.nio.file.Path table(EvalTask task) {
        java.util.List<String> refs = task.artifacts().entrySet().stream().filter(e -> e.getKey().startsWith("table/"))
                .map(Map.Entry::getValue).sorted().toList();
        if (refs.isEmpty()) {
            return null;
        }
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(io.jnas.run.CacheDir.root().resolve("shipped-tables")
                    .resolve(Integer.toHexString(String.join(",", refs).hashCode())));
            for (String r : refs) {
                java.nio.file.Path f = dir.resolve(r.substring(r.indexOf('/') + 1));
                if (!java.nio.file.Files.exists(f)) {
                    java.nio.file.Path tmp = dir.resolve(f.getFileName() + "." + ProcessHandle.current().pid() + "-"
                            + Thread.currentThread().getId());
                    java.nio.file.Files.copy(artifacts.apply(r), tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    java.nio.file.Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private synchronized EstimatorContext<Object> context(EvalTask task) {
        return contexts.computeIfAbsent(io.jnas.run.Json.write(task.spec()) + task.artifacts(), k -> {
            String data = task.artifacts().get("data");
            String reduced = task.artifacts().get("reduced");
            return EstimatorContext.open(task.spec(), log, data == null ? null : io.jnas.data.Dataset.read(artifacts.apply(data)),
                    reduced == null ? null : io.jnas.data.Dataset.read(artifacts.apply(reduced)), table(task));
        });
    }
}
