package io.jnas.cli;

import io.jnas.experiment.Experiments;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jnas resume RUN_DIR}: continue an interrupted run from its last checkpoint. */
@Command(name = "resume", description = "Continue an interrupted run from its last checkpoint (a finished one reports again).")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The run directory (holds config.yaml).")
    Path dir;
    @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        RunOptions out = new RunOptions();
        out.json = json;
        out.result(Experiments.resume(dir, out::info));
        return 0;
    }
}
