package io.jnas.cli;

import io.jnas.ui.UiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jnas ui: a live, read-only web page of every run under a folder. */
@Command(name = "ui", description = {"Serve a web page of every run under a folder, live: status (running, finished, failed, "
    + "interrupted), progress and time left, curves, α, estimator scatters, fronts and hypervolume, architectures, "
    + "comparisons; GET /api/runs for scripts. Read-only; binds 127.0.0.1 unless --host says otherwise, and then asks "
    + "for the token it prints. Stop it with Ctrl-C."})
final class UiCommand implements Callable<Integer>, NoKernels {
    @Option(names = "--runs", defaultValue = "runs", description = "The folder of runs (default ${DEFAULT-VALUE}).")
    Path runs;
    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0: any free one).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}); any "
            + "other than a loopback address needs the printed token.")
    String host;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(runs)) {
            throw new IllegalArgumentException("--runs " + runs + " is not a folder; give the folder your runs are in "
                    + "(their --out's parent), e.g. --runs runs");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is not a port; give 1..65535, or 0 for any free one");
        }
        try (UiServer s = UiServer.start(runs, host, port)) {
            String at = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + s.port() + "/";
            System.out.println("jnas ui: runs in " + s.folder() + " at " + at + (s.token() == null ? ""
                    : "?token=" + s.token()) + " (Ctrl-C to stop)");
            System.out.flush();
            Thread.currentThread().join();
        }
        return 0;
    }
}
