package io.jnas.cli;

import picocli.CommandLine.Option;

/** Where candidates are scored, shared by {@code estimate} and {@code search mote}: this process or worker processes. */
public final class WorkersMixin {
    @Option(names = "--workers", defaultValue = "0", description = "Worker processes scoring candidates (default: 0, this process).")
    int workers;
    @Option(names = "--threads", defaultValue = "1", description = "libtorch threads of each worker (default ${DEFAULT-VALUE}).")
    int threads;
}
