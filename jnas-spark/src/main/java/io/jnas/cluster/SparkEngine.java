package io.jnas.cluster;

import io.jnas.engine.EngineSpec;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.estimate.ShippedFiles;
import io.jnas.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Candidates scored by the executors of a Spark application: each candidate is a one-element job whose element is
 * the task's JSON and whose result is the result's JSON ({@link SparkScore} on the executor), so that jobs from
 * several driver threads keep every executor core busy and each result arrives as soon as it is ready. Spark retries
 * a task whose executor was lost; a candidate that fails for a reason of its own is a failed result, not a failed job.
 */
final class SparkEngine implements Engine {
    /** The Spark build jnas is compiled against; a cluster must run the same. */
    static final String SPARK_VERSION = "4.2.0";
    private static final int REGISTRATION_SECONDS = 90;
    private final JavaSparkContext sc;
    private final EngineSpec spec;
    private final Path shipDir;
    private final int parallelism;
    private final java.util.Set<String> shippedFiles = new java.util.HashSet<>();

    private SparkEngine(JavaSparkContext sc, EngineSpec spec, Path shipDir, int parallelism) {
        this.sc = sc;
        this.spec = spec;
        this.shipDir = shipDir;
        this.parallelism = parallelism;
    }

    /** Starts the Spark application of {@code spec}; IllegalArgumentException when the cluster will not have it. */
    static SparkEngine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException {
        SparkConf conf = SparkSetup.conf(spec, runDir);
        String master = conf.get("spark.master");
        log.accept("starting a Spark application on " + master + " (Spark " + SPARK_VERSION + ", " + spec.threads()
                + " cores and libtorch threads per task)");
        if (master.startsWith("spark://")) {
            MasterCheck.verify(master, conf.getBoolean("spark.authenticate", false) ? conf.get("spark.authenticate.secret") : null);
        }
        long started = System.nanoTime();
        JavaSparkContext sc;
        try {
            sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Spark could not start on " + master + ": " + firstLine(e));
        }
        int expected = SparkEngineProvider.localCluster(spec) == null ? 1 : SparkEngineProvider.localCluster(spec)[0];
        long deadline = System.nanoTime() + REGISTRATION_SECONDS * 1_000_000_000L;
        while (executors(sc) < expected && !sc.sc().isStopped() && System.nanoTime() < deadline) {
            sleep();
        }
        if (executors(sc) == 0) {
            closeFully(sc);
            throw new IllegalArgumentException("the Spark master at " + master + " gave this application no executor in "
                    + Math.round((System.nanoTime() - started) / 1e9) + " s: check the cluster's secret (--secret-file), that it "
                    + "runs Spark " + SPARK_VERSION + ", and that its workers have " + spec.threads() + " free cores");
        }
        if (SparkEngineProvider.localCluster(spec) == null) {
            settle(sc);
        }
        int cores = sc.sc().defaultParallelism();
        int parallelism = Math.max(1, cores / spec.threads());
        log.accept("Spark: " + executors(sc) + " executors, " + cores + " cores, " + parallelism + " tasks at once");
        return new SparkEngine(sc, spec, runDir.resolve("shipped"), parallelism);
    }

    /**
     * Closes {@code sc} and waits until this JVM has no active Spark context: when the master gave up on the application,
     * Spark stops the context from its own thread, and a context started before that stop ends is refused ("Only one
     * SparkContext should be running in this JVM").
     */
    private static void closeFully(JavaSparkContext sc) {
        sc.close();
        long end = System.nanoTime() + 30_000_000_000L;
        while (org.apache.spark.SparkContext$.MODULE$.getActive().isDefined() && System.nanoTime() < end) {
            sleep();
        }
    }

    /** Waits until a cluster's executors stop arriving: their count unchanged for 3 s (15 s at most). */
    private static void settle(JavaSparkContext sc) {
        long end = System.nanoTime() + 15_000_000_000L;
        long since = System.nanoTime();
        for (int n = executors(sc); System.nanoTime() < end && System.nanoTime() - since < 3_000_000_000L; ) {
            sleep();
            if (executors(sc) != n) {
                n = executors(sc);
                since = System.nanoTime();
            }
        }
    }

    /** Executors registered (the driver counts as one in local[N], where it is the only one). */
    private static int executors(JavaSparkContext sc) {
        if (sc.sc().isStopped()) {
            return 0;
        }
        int n = sc.statusTracker().getExecutorInfos().length;
        return sc.master().startsWith("local[") || sc.master().equals("local") ? n : n - 1;
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark executors", e);
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public EvalResult call(EvalTask task) throws IOException {
        sc.setLocalProperty("spark.job.description", "jnas " + task.arch());
        List<String> out;
        try {
            out = sc.parallelize(List.of(task.toJson()), 1).map(SparkScore::score).collect();
        } catch (RuntimeException e) {
            if (sc.sc().isStopped()) {
                throw new IOException("the Spark application stopped: " + firstLine(e), e);
            }
            return new EvalResult(task.arch(), Map.of(), Map.of(), Map.of(), 0, "spark", "its Spark task failed: "
                    + firstLine(e));
        }
        return EvalResult.fromJson(out.get(0));
    }

    @Override
    public synchronized Map<String, String> ship(EstimatorContext<?> ctx) throws IOException {
        return ShippedFiles.ship(ctx, shipDir, true, f -> {
            if (shippedFiles.add(f.getFileName().toString())) {
                sc.addFile(f.toString());
            }
        });
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    @Override
    public String describe() {
        return "Spark " + sc.master() + " (" + parallelism + " tasks at once, " + spec.threads() + " threads each)";
    }

    @Override
    public void close() {
        sc.close();
    }
}
