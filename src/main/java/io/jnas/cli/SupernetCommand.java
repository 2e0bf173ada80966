package io.jnas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas supernet}: OFA / OFAv2 super-networks. */
@Command(name = "supernet", description = "Train OFA / OFAv2 super-networks for NATv2.", subcommands = {SupernetCommand.Train.class})
public final class SupernetCommand {

    @Command(name = "train", description = "Train a super-network by (extended) progressive shrinking (resumable).")
    static final class Train implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        Output out;
        @Mixin
        SupernetMixin supernet;
        @Option(names = "--preset", defaultValue = "cpu", description = "cpu (5,000 training images, about 20 minutes on 2 cores) or paper.")
        String preset;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--out", description = "Run directory (default runs/supernet-<time>-s<seed>).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            boolean paper = MoteMixin.paper(preset);
            SupernetJob job = supernet.job(paper, data, seed);
            Path d = dir != null ? dir : io.jnas.run.RunDir.defaultPath("supernet", seed);
            out.result(job.start(d, out));
            return 0;
        }
    }
}
