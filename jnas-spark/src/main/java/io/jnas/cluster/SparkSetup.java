package io.jnas.cluster;

import io.jnas.engine.EngineSpec;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;

/**
 * The Spark configuration of a jnas application: the master, one task per {@code --threads} cores with as many
 * libtorch threads, the executors' class path (this machine's, for executors on it; else jnas's jars shipped with the
 * job), and security: a cluster jnas starts itself (local-cluster) gets a fresh secret, a {@code spark://} master the
 * secret of {@code --secret-file} (or of the cluster {@code jnas cluster start} made), or nothing only with
 * {@code --insecure}. Under spark-submit, spark-submit's configuration stands.
 */
final class SparkSetup {
    private SparkSetup() {
    }

    static SparkConf conf(EngineSpec spec, Path runDir) throws IOException {
        SparkConf c = new SparkConf().setAppName("jnas " + runDir.getFileName());
        String master = spec.args();
        if (master != null) {
            c.setMaster(master);
        }
        master = c.get("spark.master");
        c.set("spark.task.cpus", Integer.toString(spec.threads()));
        c.setIfMissing("spark.ui.enabled", "false");
        String halt = System.getProperty("jnas.executor.halt");
        String ours = "-Dai.djl.offline=true -Dai.djl.pytorch.num_threads=" + spec.threads()
                + " -Dai.djl.pytorch.num_interop_threads=1 -Djava.awt.headless=true -Xss4m"
                + (halt == null ? "" : " -Djnas.executor.halt=" + halt);
        c.set("spark.executor.extraJavaOptions", (c.get("spark.executor.extraJavaOptions", "") + " " + ours).strip());
        c.set("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
        if (spec.args() == null) {
            return c;
        }
        if (SparkEngineProvider.localCluster(spec) != null) {
            localCluster(c);
            secure(c, Secrets.fresh());
        } else if (master.startsWith("spark://")) {
            remote(c, spec, master);
        }
        return c;
    }

    private static void localCluster(SparkConf c) {
        String home = System.getenv("SPARK_HOME");
        if (home == null || !Files.isDirectory(Path.of(home, "jars"))) {
            throw new IllegalArgumentException("local-cluster starts executor JVMs from SPARK_HOME/jars, and SPARK_HOME is "
                    + (home == null ? "not set" : home + " (no jars/ folder)") + ": run ./jnas, which sets it to target/spark");
        }
        c.set("spark.executor.extraClassPath", String.join(File.pathSeparator, classPath()));
    }

    private static void remote(SparkConf c, EngineSpec spec, String master) throws IOException {
        String secret = Secrets.forMaster(spec, master);
        if (secret != null) {
            secure(c, secret);
        }
        String host = URI.create(master).getHost();
        if (host != null && InetAddress.getByName(host).isLoopbackAddress()) {
            c.set("spark.executor.extraClassPath", String.join(File.pathSeparator, classPath()));
            return;
        }
        List<String> jars = new ArrayList<>();
        String home = System.getenv("SPARK_HOME");
        for (String e : classPath()) {
            boolean spark = home != null && Files.exists(Path.of(home, "jars", Path.of(e).getFileName().toString()));
            if (e.endsWith(".jar") && !spark) {
                jars.add(Path.of(e).toUri().toString());
            }
        }
        c.set("spark.jars", String.join(",", jars));
    }

    private static void secure(SparkConf c, String secret) {
        c.set("spark.authenticate", "true");
        c.set("spark.authenticate.secret", secret);
        c.set("spark.network.crypto.enabled", "true");
    }

    /** This JVM's class path, absolute. */
    static List<String> classPath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                out.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return out;
    }
}
