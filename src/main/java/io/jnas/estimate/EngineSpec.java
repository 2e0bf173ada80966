package io.jnas.estimate;

/**
 * Where candidates are scored, as stored in a run's config.yaml: in this process, in N worker processes on this
 * machine ({@code local}), or on a Spark cluster ({@code spark:MASTER}). Its secret is never stored, only the file
 * that holds it.
 *
 * @param engine {@code local}, or {@code spark} (the master of a spark-submit) or {@code spark:MASTER} (local[N],
 *        local-cluster[E,C,MB], spark://host:port)
 * @param workers local worker processes (0: this process); a Spark cluster's size is its executors
 * @param threads libtorch threads of each worker, or cores of each Spark task
 * @param secretFile file holding the Spark cluster's shared secret (null: the one jnas cluster start wrote, if any)
 * @param insecure connect to a spark:// master without a secret
 */
public record EngineSpec(String engine, int workers, int threads, String secretFile, boolean insecure) {
    private static final java.util.regex.Pattern LOCAL_CLUSTER = java.util.regex.Pattern.compile(
            "local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    /** Scoring in this process. */
    public static final EngineSpec IN_PROCESS = new EngineSpec("local", 0, 1, null, false);

    public EngineSpec {
        engine = engine == null ? "local" : engine;
        if (!engine.equals("local") && !engine.equals("spark") && !engine.startsWith("spark:")) {
            throw new IllegalArgumentException("unknown --engine '" + engine + "': use local, spark (under spark-submit) or "
                    + "spark:MASTER, e.g. spark:local-cluster[2,1,1024] or spark:spark://host:7077");
        }
        if (workers < 0 || threads < 1) {
            throw new IllegalArgumentException("--workers must be >= 0 and --threads >= 1, got " + workers + " and " + threads);
        }
        if (engine.startsWith("spark") && workers > 0) {
            throw new IllegalArgumentException("--workers counts local worker processes; a Spark cluster's size is its "
                    + "executors: drop --workers or use --engine local");
        }
        if (engine.equals("spark") && System.getProperty("spark.master") == null) {
            throw new IllegalArgumentException("--engine spark takes its master from spark-submit; outside spark-submit give "
                    + "--engine spark:MASTER, e.g. spark:local-cluster[2,1,1024] or spark:spark://host:7077");
        }
        if (engine.startsWith("spark:")) {
            checkMaster(engine.substring("spark:".length()), threads);
        }
    }

    private static void checkMaster(String master, int threads) {
        java.util.regex.Matcher m = LOCAL_CLUSTER.matcher(master);
        if (m.matches() && Integer.parseInt(m.group(2)) < threads) {
            throw new IllegalArgumentException("local-cluster executors of " + m.group(2) + " cores cannot run tasks of --threads "
                    + threads + ": give at least " + threads + " cores per executor");
        }
        if (!m.matches() && !master.matches("local(\\[(\\d+|\\*)(,\\d+)?])?") && !master.matches("spark://[^/:]+:\\d+")) {
            throw new IllegalArgumentException("unknown Spark master '" + master + "': use local[N], local-cluster[E,C,MB] or "
                    + "spark://host:port");
        }
    }

    /** The executors and cores of each of a local-cluster master, or null for another master. */
    public int[] localCluster() {
        java.util.regex.Matcher m = LOCAL_CLUSTER.matcher(master() == null ? "" : master());
        return m.matches() ? new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))} : null;
    }

    /** Whether candidates run on Spark. */
    public boolean spark() {
        return engine.startsWith("spark");
    }

    /** Whether candidates run outside this process. */
    public boolean remote() {
        return spark() || workers > 0;
    }

    /** The Spark master URL (null: the one spark-submit set). */
    public String master() {
        return engine.startsWith("spark:") ? engine.substring("spark:".length()) : null;
    }
}
