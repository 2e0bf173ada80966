package io.jnas.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.run.AtomicFiles;
import io.jnas.run.CacheDir;
import io.jnas.run.Json;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code jnas cluster}: a Spark standalone cluster (a master and N workers, processes that outlive the command) on
 * this machine, for users without one. It is secured from the start: a fresh shared secret in a file only its owner
 * reads, authentication and encryption of every connection, no REST submission port, and its daemons and web UIs
 * bound to {@code --host} (127.0.0.1 unless given). What it started is described in {@code DIR/cluster.json}.
 */
public final class StandaloneCluster {
    private StandaloneCluster() {
    }

    /**
     * How to start one.
     *
     * @param dir where cluster.json, the secret, the logs and the workers' folders go
     * @param workers worker processes
     * @param cores cores each worker offers
     * @param memoryMb memory each worker offers its executors
     * @param host address the daemons bind to and the master URL names
     * @param port the master's port
     * @param uiPort the master's web UI port
     */
    public record Options(Path dir, int workers, int cores, int memoryMb, String host, int port, int uiPort) {
        public Options {
            if (workers < 1 || cores < 1 || memoryMb < 512) {
                throw new IllegalArgumentException("--workers and --cores must be >= 1 and --memory >= 512 (MB), got "
                        + workers + ", " + cores + " and " + memoryMb);
            }
        }
    }

    /** Where a cluster's files go unless {@code --dir} says otherwise. */
    public static Path defaultDir() {
        return CacheDir.root().resolve("cluster");
    }

    /** cluster.json of the cluster started from {@code dir}, or null when none was. */
    public static Map<String, Object> describe(Path dir) throws IOException {
        Path f = dir.resolve("cluster.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        return Json.MAPPER.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** Starts the cluster and waits until every worker has registered; returns what cluster.json says. */
    public static Map<String, Object> start(Options o, Consumer<String> log) throws IOException, InterruptedException {
        Map<String, Object> old = describe(o.dir());
        if (old != null && alive(old)) {
            throw new IllegalArgumentException("a cluster started from " + o.dir() + " is running (master " + old.get("master")
                    + "): run jnas cluster stop first, or give another --dir");
        }
        Files.createDirectories(o.dir());
        Path home = sparkHome(o.dir());
        String secret = Secrets.fresh();
        Path secretFile = o.dir().resolve("secret");
        Secrets.write(secretFile, secret);
        Path props = o.dir().resolve("spark.properties");
        Secrets.write(props, String.join("\n", "spark.authenticate=true", "spark.authenticate.secret=" + secret,
                "spark.network.crypto.enabled=true", "spark.master.rest.enabled=false"));
        String master = "spark://" + o.host() + ":" + o.port();
        List<Long> pids = new ArrayList<>();
        pids.add(daemon(o, "master", List.of("org.apache.spark.deploy.master.Master", "--host", o.host(), "--port",
                Integer.toString(o.port()), "--webui-port", Integer.toString(o.uiPort()), "--properties-file", props.toString())));
        for (int k = 0; k < o.workers(); k++) {
            Path work = Files.createDirectories(o.dir().resolve("worker-" + k));
            pids.add(daemon(o, "worker-" + k, List.of("org.apache.spark.deploy.worker.Worker", "--host", o.host(), "--cores",
                    Integer.toString(o.cores()), "--memory", o.memoryMb() + "m", "--webui-port", "0", "--work-dir",
                    work.toString(), "--properties-file", props.toString(), master)));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("master", master);
        d.put("ui", "http://" + o.host() + ":" + o.uiPort());
        d.put("workers", o.workers());
        d.put("cores_per_worker", o.cores());
        d.put("memory_mb_per_worker", o.memoryMb());
        d.put("secret_file", secretFile.toAbsolutePath().toString());
        d.put("spark_home", home.toAbsolutePath().toString());
        d.put("pids", pids);
        d.put("dir", o.dir().toAbsolutePath().toString());
        AtomicFiles.writeString(o.dir().resolve("cluster.json"), Json.write(d));
        log.accept("started a master and " + o.workers() + " workers; waiting for the workers to register ...");
        waitForWorkers(d, o.workers());
        log.accept("cluster ready: " + master + " (secret in " + secretFile + "; logs in " + o.dir() + ")");
        return d;
    }

    /**
     * The cluster's SPARK_HOME: a jars/ folder of links to the jars this jnas runs with (Spark's and jnas's own), from
     * which the workers start executors; so executors have what jnas's tasks need even under a plain spark-submit.
     */
    private static Path sparkHome(Path dir) throws IOException {
        Path jars = dir.resolve("spark-home").resolve("jars");
        if (Files.isDirectory(jars)) {
            try (var old = Files.list(jars)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(jars);
        for (String e : SparkSetup.classPath()) {
            Path p = Path.of(e);
            if (e.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
            }
        }
        return dir.resolve("spark-home");
    }

    private static long daemon(Options o, String name, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", String.join(File.pathSeparator, SparkSetup.classPath())));
        cmd.addAll(args);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(o.dir().resolve(name + ".log").toFile()));
        b.environment().put("SPARK_HOME", o.dir().resolve("spark-home").toString());
        b.environment().put("SPARK_SCALA_VERSION", "2.13");
        b.environment().put("SPARK_LOCAL_IP", o.host());
        return b.start().pid();
    }

    private static void waitForWorkers(Map<String, Object> d, int n) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!alive(d)) {
                throw new IllegalStateException("a cluster process ended while starting: see the logs in " + d.get("dir"));
            }
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create(d.get("ui") + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Number alive = (Number) Json.MAPPER.readValue(body, Map.class).get("aliveworkers");
                if (alive != null && alive.intValue() >= n) {
                    return;
                }
            } catch (IOException e) {
                // the master's UI is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the workers did not register within 90 s: see the logs in " + d.get("dir"));
    }

    /** cluster.json of the cluster started from {@code dir} with {@code running}: whether all its processes run; or null. */
    public static Map<String, Object> status(Path dir) throws IOException {
        Map<String, Object> d = describe(dir);
        if (d != null) {
            d.put("running", alive(d));
        }
        return d;
    }

    /** Whether every process of a started cluster still runs. */
    public static boolean alive(Map<String, Object> d) {
        for (Object p : (List<?>) d.get("pids")) {
            if (!ProcessHandle.of(((Number) p).longValue()).map(ProcessHandle::isAlive).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    /** Stops the cluster started from {@code dir} (its executors with it); returns what it was, or null. */
    public static Map<String, Object> stop(Path dir, Consumer<String> log) throws IOException {
        Map<String, Object> d = describe(dir);
        if (d == null) {
            return null;
        }
        List<?> pids = (List<?>) d.get("pids");
        for (int i = pids.size() - 1; i >= 0; i--) {
            ProcessHandle.of(((Number) pids.get(i)).longValue()).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                try {
                    p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
        Files.delete(dir.resolve("cluster.json"));
        log.accept("stopped the cluster at " + d.get("master"));
        return d;
    }
}
