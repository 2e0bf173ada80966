package io.jnas.engine;

/**
 * Where candidates are scored, as stored in a run's config.yaml: an engine by name with its arguments
 * ({@code NAME[:ARGS]}, e.g. {@code local}, {@code spark:local-cluster[2,1,1024]}), worker processes and threads. A
 * cluster's secret is never stored, only the file that holds it. The engine named checks the rest when the spec is
 * checked or opened ({@link Engines#check}, {@link EngineProvider#check}).
 *
 * @param engine {@code NAME[:ARGS]}
 * @param workers worker processes of the {@code local} engine (0: this process)
 * @param threads libtorch threads of each worker, or cores of each cluster task
 * @param secretFile file holding a cluster's shared secret (null: the one {@code jnas cluster start} wrote, if any)
 * @param insecure connect to a cluster without a secret
 */
public record EngineSpec(String engine, int workers, int threads, String secretFile, boolean insecure) {

    /** Scoring in this process. */
    public static final EngineSpec IN_PROCESS = new EngineSpec("local", 0, 1, null, false);

    public EngineSpec {
        engine = engine == null || engine.isBlank() ? "local" : engine.strip();
        if (workers < 0 || threads < 1) {
            throw new IllegalArgumentException("--workers must be >= 0 and --threads >= 1, got " + workers + " and " + threads);
        }
    }

    /** The engine's name: what comes before the first colon. */
    public String name() {
        int colon = engine.indexOf(':');
        return colon < 0 ? engine : engine.substring(0, colon);
    }

    /** The engine's arguments: what comes after the first colon, or null. */
    public String args() {
        int colon = engine.indexOf(':');
        return colon < 0 ? null : engine.substring(colon + 1);
    }
}
