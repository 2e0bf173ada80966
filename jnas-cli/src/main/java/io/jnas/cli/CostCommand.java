package io.jnas.cli;

import io.jnas.experiment.CostReport;
import io.jnas.nn.kit.SpaceKit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnas cost}: parameters and MACs of an architecture, without training. */
@Command(name = "cost", description = "Count parameters, MACs (pooling counted) and FLOPs (NAS-Bench-201's convention) of an architecture.",
        subcommands = {CostCommand.Darts.class, CostCommand.Nb201.class, CostCommand.Ofa.class})
final class CostCommand {

    /** What every cost sub-command shares. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--classes", description = "Number of classes (default 10; ofa 1000).")
        Integer classes;
        @Option(names = "--in-channels", defaultValue = "3", description = "Input channels (default ${DEFAULT-VALUE}).")
        int inChannels;
        @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
        boolean json;

        int defaultClasses() {
            return 10;
        }

        /** Prints the cost of {@code text} in {@code space} (shape null: the space's default) at size x size. */
        Integer cost(String space, String text, SpaceKit.Shape shape, int size) {
            RunOptions.print(json, CostReport.of(space, text, inChannels, classes != null ? classes : defaultClasses(), size, shape));
            return 0;
        }
    }

    @Command(name = "darts", description = "The DARTS evaluation network of a genotype (auxiliary head excluded).")
    static final class Darts extends Base {
        @Option(names = "--genotype", description = "Genotype(...) text, or DARTS_V2.", defaultValue = "DARTS_V2")
        String genotype;
        @Option(names = "--channels", defaultValue = "36", description = "Initial channels C (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--layers", defaultValue = "20", description = "Number of cells (default ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--size", defaultValue = "32", description = "Input height and width (default ${DEFAULT-VALUE}).")
        int size;

        @Override
        public Integer call() {
            return cost("darts", genotype, new SpaceKit.Shape(channels, layers, true), size);
        }
    }

    @Command(name = "nb201", description = "The NAS-Bench-201 network of a cell (C=16, 5 cells per stage by default).")
    static final class Nb201 extends Base {
        @Option(names = "--arch", required = true, description = "Cell text |op~0|+|op~0|op~1|+|op~0|op~1|op~2|.")
        String arch;
        @Option(names = "--channels", defaultValue = "16", description = "Stem channels C (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--cells", defaultValue = "5", description = "Cells per stage (default ${DEFAULT-VALUE}).")
        int cells;
        @Option(names = "--size", defaultValue = "32", description = "Input height and width (default ${DEFAULT-VALUE}).")
        int size;

        @Override
        public Integer call() {
            return cost("nb201", arch, new SpaceKit.Shape(channels, cells, false), size);
        }
    }

    @Command(name = "ofa", description = "An OFA / OFAv2 subnet at r x r input (convs and linear layers counted).")
    static final class Ofa extends Base {
        @Option(names = "--subnet", required = true,
                description = "NAT text form {\"ks\":[...],\"e\":[...],\"d\":[...],\"r\":224,\"w\":1.0} (OFAv2: \"p\", \"nd\").")
        String subnet;

        @Override
        public Integer call() {
            return cost("ofa", subnet, null, io.jnas.space.ofa.OfaSubnet.parse(subnet).r());
        }

        @Override
        int defaultClasses() {
            return 1000;
        }
    }
}
