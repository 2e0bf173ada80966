package io.jnas.cli;

import io.jnas.experiment.Experiments;
import io.jnas.experiment.SupernetRun;
import io.jnas.train.ofa.Pretrained;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas supernet}: OFA / OFAv2 super-networks. */
@Command(name = "supernet", description = "Train OFA / OFAv2 super-networks for NATv2, or transfer a pretrained one.",
        subcommands = {SupernetCommand.Train.class, SupernetCommand.Import.class})
final class SupernetCommand implements NoKernels {

    @Command(name = "train", description = "Train a super-network by (extended) progressive shrinking (resumable).")
    static class Train implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        SupernetMixin supernet;
        @Mixin
        PresetMixin preset;
        @Mixin
        RunOptions out;
        @Option(names = "--space", description = "ofa or ofav2 (default ofav2; import: the source's).")
        String space;

        @Override
        public Integer call() throws Exception {
            SupernetRun run = new SupernetRun(supernet.spec(space != null ? space : "ofav2", preset.paper(), data, out.seed));
            out.result(Experiments.start(run, out.dir("supernet"), out::info));
            return 0;
        }
    }

    @Command(name = "import", description = "Transfer a pretrained super-network (an OFA MobileNetV3 .pth or a jnas one) to your "
            + "data: new classifiers, then supernet train's training (here 1 full-network epoch at lr 0.01 unless set).")
    static final class Import extends Train {
        @Option(names = "--from", required = true, description = "ofa_mbv3_d234_e346_k357_w1.0 / _w1.2 (.pth) or a super-network run.")
        java.nio.file.Path from;

        @Override
        public Integer call() throws Exception {
            Pretrained p = Pretrained.of(from);
            if (space != null && !space.equals(p.space())) {
                throw new IllegalArgumentException("--space " + space + " does not match " + from + " (" + p.space() + "); drop --space");
            }
            supernet.transferDefaults();
            SupernetRun run = new SupernetRun(supernet.spec(p.space(), preset.paper(), data, out.seed), p);
            out.result(Experiments.start(run, out.dir("supernet-import"), out::info));
            return 0;
        }
    }
}
