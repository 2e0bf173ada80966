package io.jnas.cli;

import io.jnas.run.RunDir;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code jnas resume RUN_DIR}: continue an interrupted run from its last checkpoint. */
@Command(name = "resume", description = "Continue an interrupted run from its last checkpoint.")
public final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The run directory (holds config.yaml).")
    Path dir;
    @Mixin
    Output out;

    @Override
    public Integer call() throws Exception {
        RunDir run = RunDir.open(dir);
        Map<String, Object> config = run.readConfig();
        Object command = config.get("command");
        if ("demo".equals(command)) {
            out.result(DemoJob.fromConfig(config).execute(run, out));
            return 0;
        }
        if ("train".equals(command)) {
            out.result(TrainJob.fromConfig(config).execute(run, out));
            return 0;
        }
        if ("search-mote".equals(command)) {
            out.result(MoteSearchJob.fromConfig(config).resume(run, out));
            return 0;
        }
        if ("finetune".equals(command)) {
            out.result(FinetuneJob.fromConfig(config).execute(run, out));
            return 0;
        }
        if ("search-nat".equals(command)) {
            out.result(NatJob.fromConfig(config).execute(run, out));
            return 0;
        }
        if ("supernet-train".equals(command)) {
            out.result(SupernetJob.fromConfig(config).execute(run, out));
            return 0;
        }
        if ("estimate".equals(command)) {
            out.result(EstimateJob.fromConfig(config).resume(run, out));
            return 0;
        }
        if ("search".equals(command)) {
            out.result(SearchJob.fromConfig(config).resume(run, out));
            return 0;
        }
        throw new UserError(dir + "/config.yaml names command '" + command + "', which cannot be resumed by this version");
    }
}
