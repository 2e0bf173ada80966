package io.jnas.cli;

import io.jnas.nn.Cost;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnas cost}: parameters and MACs of an architecture, without training. */
@Command(name = "cost", description = "Count parameters and MACs of an architecture (1 image of the given size).",
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

        abstract String space();

        abstract String text();

        /** The network's width and depth (null: the space's default). */
        abstract SpaceKit.Shape shape();

        abstract int size();

        int defaultClasses() {
            return 10;
        }

        @Override
        public Integer call() {
            SpaceKit<Object> kit = SpaceKits.get(space());
            Object arch = kit.parse(text());
            int k = classes != null ? classes : defaultClasses();
            if (k < 2 || inChannels < 1) {
                throw new IllegalArgumentException("--classes must be >= 2 and --in-channels >= 1, got " + k + " and " + inChannels);
            }
            SpaceKit.Shape shape = shape() != null ? shape() : kit.defaultShape();
            Cost c = kit.cost(arch, inChannels, k, size(), shape);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("params", c.params());
            res.put("macs", c.macs());
            res.put("input", "1x" + inChannels + "x" + size() + "x" + size());
            res.put("arch", kit.space().format(arch));
            RunOptions out = new RunOptions();
            out.json = json;
            out.result(res);
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

        String space() {
            return "darts";
        }

        String text() {
            return genotype;
        }

        SpaceKit.Shape shape() {
            return new SpaceKit.Shape(channels, layers, true);
        }

        int size() {
            return size;
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

        String space() {
            return "nb201";
        }

        String text() {
            return arch;
        }

        SpaceKit.Shape shape() {
            return new SpaceKit.Shape(channels, cells, false);
        }

        int size() {
            return size;
        }
    }

    @Command(name = "ofa", description = "An OFA / OFAv2 subnet at r x r input (convs and linear layers counted).")
    static final class Ofa extends Base {
        @Option(names = "--subnet", required = true,
                description = "NAT text form {\"ks\":[...],\"e\":[...],\"d\":[...],\"r\":224,\"w\":1.0} (OFAv2: \"p\", \"nd\").")
        String subnet;

        String space() {
            return "ofa";
        }

        String text() {
            return subnet;
        }

        SpaceKit.Shape shape() {
            return null;
        }

        int size() {
            return io.jnas.space.ofa.OfaSubnet.parse(subnet).r();
        }

        @Override
        int defaultClasses() {
            return 1000;
        }
    }
}
