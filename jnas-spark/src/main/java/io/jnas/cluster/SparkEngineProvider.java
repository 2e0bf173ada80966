package io.jnas.cluster;

import io.jnas.engine.Engine;
import io.jnas.engine.EngineProvider;
import io.jnas.engine.EngineSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code spark} engine: {@code --engine spark:MASTER} (local[N], local-cluster[E,C,MB], spark://host:port) or,
 * under spark-submit, plain {@code --engine spark}. It touches no Spark class until Spark is known to be on the class
 * path, so that a jnas without Spark's jars says so in one line.
 */
public final class SparkEngineProvider implements EngineProvider {
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String description() {
        return "spark:MASTER (local[N], local-cluster[E,C,MB], spark://host:port), or spark under spark-submit";
    }

    @Override
    public void check(EngineSpec spec) {
        if (spec.workers() > 0) {
            throw new IllegalArgumentException("--workers counts local worker processes; a Spark cluster's size is its "
                    + "executors: drop --workers or use --engine local");
        }
        String master = spec.args();
        if (master == null && System.getProperty("spark.master") == null) {
            throw new IllegalArgumentException("--engine spark takes its master from spark-submit; outside spark-submit give "
                    + "--engine spark:MASTER, e.g. spark:local-cluster[2,1,1024] or spark:spark://host:7077");
        }
        if (master == null) {
            return;
        }
        Matcher m = LOCAL_CLUSTER.matcher(master);
        if (m.matches() && Integer.parseInt(m.group(2)) < spec.threads()) {
            throw new IllegalArgumentException("local-cluster executors of " + m.group(2) + " cores cannot run tasks of --threads "
                    + spec.threads() + ": give at least " + spec.threads() + " cores per executor");
        }
        if (!m.matches() && !master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?") && !master.matches("spark://[^/:]+:\\d+")) {
            throw new IllegalArgumentException("unknown Spark master '" + master + "': use local[N], local-cluster[E,C,MB] or "
                    + "spark://host:port");
        }
    }

    @Override
    public Engine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException {
        try {
            Class.forName("org.apache.spark.SparkConf", false, SparkEngineProvider.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--engine " + spec.engine() + " needs Spark " + SparkEngine.SPARK_VERSION
                    + " on the class path: run ./jnas (it adds target/spark/jars) or submit jnas with spark-submit");
        }
        return SparkEngine.open(spec, runDir, log);
    }

    /** The executors and cores of each of a local-cluster master, or null for another master. */
    static int[] localCluster(EngineSpec spec) {
        Matcher m = LOCAL_CLUSTER.matcher(spec.args() == null ? "" : spec.args());
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }
}
