package io.jnas.cli;

import io.jnas.cluster.StandaloneCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnas cluster}: a secured Spark standalone cluster on this machine, for {@code --engine spark:spark://...}. */
@Command(name = "cluster", description = "Start, stop or describe a secured Spark standalone cluster on this machine.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class})
final class ClusterCommand implements NoKernels {

    /** Options of every sub-command. */
    static class Where {
        @Option(names = "--dir", description = "Folder of cluster.json, the secret and the logs (default ~/.cache/jnas/cluster).")
        Path dir;
        @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
        boolean json;

        Path dir() {
            return dir != null ? dir : StandaloneCluster.defaultDir();
        }

        Integer print(Map<String, ?> d, String none) {
            if (d == null) {
                throw new IllegalArgumentException(none);
            }
            RunOptions.print(json, d);
            return 0;
        }
    }

    @Command(name = "start", description = "Start a master and N workers (secret, encryption, no REST submission).")
    static final class Start extends Where implements Callable<Integer>, NoKernels {
        @Option(names = "--workers", defaultValue = "2", description = "Worker processes (default ${DEFAULT-VALUE}).")
        int workers;
        @Option(names = "--cores", defaultValue = "1", description = "Cores each worker offers (default ${DEFAULT-VALUE}).")
        int cores;
        @Option(names = "--memory", defaultValue = "2048", description = "MB each worker offers (default ${DEFAULT-VALUE}).")
        int memory;
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind and announce (default "
                + "${DEFAULT-VALUE}; a LAN address lets other machines' workers join).")
        String host;
        @Option(names = "--port", defaultValue = "7077", description = "The master's port (default ${DEFAULT-VALUE}).")
        int port;
        @Option(names = "--ui-port", defaultValue = "8080", description = "The master's web UI port (default ${DEFAULT-VALUE}).")
        int uiPort;

        @Override
        public Integer call() throws Exception {
            StandaloneCluster.Options o = new StandaloneCluster.Options(dir(), workers, cores, memory, host, port, uiPort);
            return print(StandaloneCluster.start(o, json ? System.err::println : System.out::println), "");
        }
    }

    @Command(name = "stop", description = "Stop the cluster started from --dir, and its executors.")
    static final class Stop extends Where implements Callable<Integer>, NoKernels {
        @Override
        public Integer call() throws Exception {
            return print(StandaloneCluster.stop(dir(), json ? System.err::println : System.out::println), "no cluster was "
                    + "started from " + dir() + ": nothing to stop");
        }
    }

    @Command(name = "status", description = "Describe the cluster started from --dir.")
    static final class Status extends Where implements Callable<Integer>, NoKernels {
        @Override
        public Integer call() throws Exception {
            return print(StandaloneCluster.status(dir()), "no cluster was started from " + dir() + ": run jnas cluster start");
        }
    }
}
