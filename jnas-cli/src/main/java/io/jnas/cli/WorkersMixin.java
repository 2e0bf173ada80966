package io.jnas.cli;

import io.jnas.engine.EngineSpec;
import picocli.CommandLine.Option;

/** Where candidates are scored, shared by {@code estimate} and {@code search mote}: this process, workers, a cluster. */
public final class WorkersMixin {
    @Option(names = "--engine", defaultValue = "local", description = "NAME[:ARGS]: local, or spark:MASTER (local-cluster[E,C,MB], "
            + "spark://host:7077), or spark under spark-submit, or any declared engine (default ${DEFAULT-VALUE}).")
    String engine;
    @Option(names = "--workers", defaultValue = "0", description = "Local worker processes scoring candidates (default: 0, "
            + "this process).")
    int workers;
    @Option(names = "--threads", defaultValue = "1", description = "libtorch threads of each worker or Spark task "
            + "(default ${DEFAULT-VALUE}).")
    int threads;
    @Option(names = "--secret-file", description = "File holding the Spark cluster's secret (default: the one jnas cluster "
            + "start wrote).")
    String secretFile;
    @Option(names = "--insecure", description = "Connect to a spark:// master that has no secret.")
    boolean insecure;

    EngineSpec spec() {
        return io.jnas.engine.Engines.check(new EngineSpec(engine, workers, threads, secretFile, insecure));
    }
}
