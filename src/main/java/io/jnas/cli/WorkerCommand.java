package io.jnas.cli;

import io.jnas.experiment.WorkerLoop;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code jnas worker}: scores evaluation tasks read as JSON lines (started by estimate --workers, not by hand). */
@Command(name = "worker", hidden = true, description = "Score evaluation tasks given as JSON lines on standard input.")
final class WorkerCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        WorkerLoop.serve(System.in, System.out, System.err);
        return 0;
    }
}
