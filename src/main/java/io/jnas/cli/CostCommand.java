package io.jnas.cli;

import ai.djl.ndarray.NDManager;
import io.jnas.nn.Cost;
import io.jnas.nn.DartsNetwork;
import io.jnas.nn.Init;
import io.jnas.nn.Nb201Network;
import io.jnas.nn.Network;
import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSubnet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas cost}: parameters and MACs of an architecture, without training. */
@Command(name = "cost", description = "Count parameters and MACs of an architecture (1 image of the given size).",
        subcommands = {CostCommand.Darts.class, CostCommand.Nb201.class, CostCommand.Ofa.class})
public final class CostCommand {

    static Map<String, Object> measure(Network net, int channels, int size, String archKey, String arch) {
        try (NDManager m = NDManager.newBaseManager()) {
            Cost c = Cost.of(net, m, channels, size, size);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("params", c.params());
            out.put("macs", c.macs());
            out.put("input", "1x" + channels + "x" + size + "x" + size);
            out.put(archKey, arch);
            return out;
        }
    }

    @Command(name = "darts", description = "The DARTS evaluation network of a genotype (auxiliary head excluded).")
    static final class Darts implements Callable<Integer> {
        @Option(names = "--genotype", description = "Genotype(...) text, or DARTS_V2.", defaultValue = "DARTS_V2")
        String genotype;
        @Option(names = "--channels", defaultValue = "36", description = "Initial channels C (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--layers", defaultValue = "20", description = "Number of cells (default ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--classes", defaultValue = "10", description = "Number of classes (default ${DEFAULT-VALUE}).")
        int classes;
        @Option(names = "--size", defaultValue = "32", description = "Input height and width (default ${DEFAULT-VALUE}).")
        int size;
        @Option(names = "--in-channels", defaultValue = "3", description = "Input channels (default ${DEFAULT-VALUE}).")
        int inChannels;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            Genotype g = "DARTS_V2".equals(genotype) ? Genotype.DARTS_V2 : Genotype.parse(genotype);
            Options.positive("--channels", channels);
            Options.positive("--classes", classes);
            try (NDManager m = NDManager.newBaseManager()) {
                Network net = new DartsNetwork(new Init(m, 0), g, inChannels, classes, channels, layers, true);
                out.result(measure(net, inChannels, size, "genotype", g.toString()));
            }
            return 0;
        }
    }

    @Command(name = "nb201", description = "The NAS-Bench-201 network of a cell (C=16, 5 cells per stage by default).")
    static final class Nb201 implements Callable<Integer> {
        @Option(names = "--arch", required = true, description = "Cell text |op~0|+|op~0|op~1|+|op~0|op~1|op~2|.")
        String arch;
        @Option(names = "--classes", defaultValue = "10", description = "Number of classes (default ${DEFAULT-VALUE}).")
        int classes;
        @Option(names = "--channels", defaultValue = "16", description = "Stem channels C (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--cells", defaultValue = "5", description = "Cells per stage (default ${DEFAULT-VALUE}).")
        int cells;
        @Option(names = "--size", defaultValue = "32", description = "Input height and width (default ${DEFAULT-VALUE}).")
        int size;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            Nb201Cell cell = Nb201Cell.parse(arch);
            Options.positive("--classes", classes);
            Options.positive("--channels", channels);
            try (NDManager m = NDManager.newBaseManager()) {
                Network net = new Nb201Network(new Init(m, 0), cell, 3, classes, channels, cells);
                out.result(measure(net, 3, size, "arch", cell.toString()));
            }
            return 0;
        }
    }

    @Command(name = "ofa", description = "An OFA / OFAv2 subnet at r x r input (convs and linear layers counted).")
    static final class Ofa implements Callable<Integer> {
        @Option(names = "--subnet", required = true,
                description = "NAT text form {\"ks\":[...],\"e\":[...],\"d\":[...],\"r\":224,\"w\":1.0} (OFAv2: \"p\", \"nd\").")
        String subnet;
        @Option(names = "--classes", defaultValue = "1000", description = "Number of classes (default ${DEFAULT-VALUE}).")
        int classes;
        @Option(names = "--in-channels", defaultValue = "3", description = "Input channels (default ${DEFAULT-VALUE}).")
        int inChannels;
        @Mixin
        Output out;

        @Override
        public Integer call() {
            OfaSubnet s = OfaSubnet.parse(subnet);
            Options.positive("--classes", classes);
            Options.positive("--in-channels", inChannels);
            OfaCost c = OfaCost.of(s, inChannels, classes);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("params", c.params());
            res.put("macs", c.macs());
            res.put("input", "1x" + inChannels + "x" + s.r() + "x" + s.r());
            res.put("subnet", s.toString());
            out.result(res);
            return 0;
        }
    }
}
