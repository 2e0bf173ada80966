package io.jnas.cli;

import io.jnas.experiment.Experiments;
import io.jnas.experiment.SupernetRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas supernet}: OFA / OFAv2 super-networks. */
@Command(name = "supernet", description = "Train OFA / OFAv2 super-networks for NATv2.", subcommands = {SupernetCommand.Train.class})
final class SupernetCommand {

    @Command(name = "train", description = "Train a super-network by (extended) progressive shrinking (resumable).")
    static final class Train implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        SupernetMixin supernet;
        @Mixin
        PresetMixin preset;
        @Mixin
        RunOptions out;
        @Option(names = "--space", defaultValue = "ofav2", description = "ofa or ofav2 (default ${DEFAULT-VALUE}).")
        String space;

        @Override
        public Integer call() throws Exception {
            SupernetRun run = new SupernetRun(supernet.spec(space, preset.paper(), data, out.seed));
            out.result(Experiments.start(run, out.dir("supernet"), out::info));
            return 0;
        }
    }
}
