package io.jnas.estimate;

import io.jnas.data.Dataset;
import io.jnas.data.Normalization;
import io.jnas.run.CacheDir;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private final java.util.function.Function<String, Path> artifacts;

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
    public TaskRunner(Consumer<String> log, java.util.function.Function<String, Path> artifacts) {
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
        try {
            int mine = Integer.getInteger("ai.djl.pytorch.num_threads", task.threads());
            if (mine != task.threads()) {
                return failed(task, t0, "the task is meant for " + task.threads() + " libtorch threads, this worker runs "
                        + mine);
            }
            io.jnas.kernel.Kernels.ensure(log);
            return score(task, context(task), host, t0);
        } catch (RuntimeException | OutOfMemoryError e) {
            return failed(task, t0, e);
        }
    }

    /**
     * Scores {@code task} with the estimators of {@code ctx} (built for the task's spec): every estimator's value, its
     * terms and seconds, or a failed result naming why.
     */
    public static EvalResult score(EvalTask task, EstimatorContext<?> ctx, String host) {
        return score(task, ctx, host, System.nanoTime());
    }

    /** As {@link #score(EvalTask, EstimatorContext, String)}; the task's seconds count from {@code t0}. */
    private static EvalResult score(EvalTask task, EstimatorContext<?> ctx, String host, long t0) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> terms = new LinkedHashMap<>();
        Map<String, Double> secs = new LinkedHashMap<>();
        try {
            @SuppressWarnings("unchecked")
            EstimatorContext<Object> c = (EstimatorContext<Object>) ctx;
            Object arch = c.kit().parse(task.arch());
            for (String e : task.spec().estimators()) {
                Score s = c.shared(e).estimate(arch);
                if (Double.isNaN(s.value())) {
                    return new EvalResult(task.arch(), Map.of(), Map.of(), Map.of(), seconds(t0), host, e + " gave NaN");
                }
                values.put(e, s.value());
                terms.putAll(s.terms());
                secs.put(e, s.seconds());
            }
            return new EvalResult(task.arch(), values, terms, secs, seconds(t0), host, null);
        } catch (RuntimeException | OutOfMemoryError e) {
            return new EvalResult(task.arch(), Map.of(), Map.of(), Map.of(), seconds(t0), host, why(e));
        }
    }

    private static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private EvalResult failed(EvalTask task, long t0, Throwable e) {
        return failed(task, t0, why(e));
    }

    private EvalResult failed(EvalTask task, long t0, String why) {
        return new EvalResult(task.arch(), Map.of(), Map.of(), Map.of(), seconds(t0), host, why);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Shipped files gathered in a folder of their own under the names {@code names} gives them (by reference), so that
     * readers of folders (a NAS-Bench-201 table, a super-network) find them; null when none of them was shipped.
     */
    private Path gather(String kind, Map<String, String> names) throws IOException {
        if (names.isEmpty()) {
            return null;
        }
        Path dir = Files.createDirectories(CacheDir.root().resolve("shipped-" + kind).resolve(
                Integer.toHexString(String.join(",", new java.util.TreeSet<>(names.keySet())).hashCode())));
        for (Map.Entry<String, String> e : names.entrySet()) {
            Path f = dir.resolve(e.getValue());
            if (!Files.exists(f)) {
                Path tmp = dir.resolve(e.getValue() + "." + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
                Files.copy(artifacts.apply(e.getKey()), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private synchronized EstimatorContext<Object> context(EvalTask task) {
        String key = io.jnas.run.Json.write(task.spec()) + task.artifacts();
        EstimatorContext<Object> ctx = contexts.get(key);
        if (ctx != null) {
            return ctx;
        }
        if (contexts.size() >= 2) { // a search that ships new weights every iteration leaves its old contexts behind
            String oldest = contexts.keySet().iterator().next();
            contexts.remove(oldest).close();
        }
        Map<String, String> a = task.artifacts();
        Map<String, String> table = new LinkedHashMap<>();
        a.forEach((role, ref) -> {
            if (role.startsWith("table/")) {
                table.put(ref, ref.substring(ref.indexOf('/') + 1));
            }
        });
        Map<String, String> supernet = new LinkedHashMap<>();
        if (a.containsKey("supernet/spec")) {
            supernet.put(a.get("supernet/spec"), TrainedSupernet.SPEC);
            supernet.put(a.get("supernet/weights"), TrainedSupernet.WEIGHTS);
        }
        try {
            ctx = EstimatorContext.open(task.spec(), log, read(a.get("data")), read(a.get("reduced")), gather("tables", table));
            Dataset splits = read(a.get("splits"));
            Path sn = gather("supernets", supernet);
            if (sn != null) {
                ctx.withSupernetFiles(sn, splits == null ? null : new TrainedSupernet.Data(splits.train(), splits.test(), null,
                        Normalization.of(splits.train())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        contexts.put(key, ctx);
        return ctx;
    }

    private Dataset read(String ref) {
        return ref == null ? null : Dataset.read(artifacts.apply(ref));
    }
}
