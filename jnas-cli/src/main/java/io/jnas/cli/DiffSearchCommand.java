package io.jnas.cli;

import io.jnas.experiment.DiffSearchRun;
import io.jnas.experiment.Experiments;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.search.darts.SearchConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas search mae-nas|darts}: differentiable search. */
final class DiffSearchCommand {
    /** Options shared by the differentiable searches. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        PresetMixin preset;
        @Mixin
        RunOptions out;
        @Option(names = "--space", defaultValue = "nb201", description = "darts or nb201 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--epochs", description = "Search epochs (cpu: nb201 15, darts 8; paper 50).")
        Integer epochs;
        @Option(names = "--channels", description = "Initial channels C (cpu 8, paper 16).")
        Integer channels;
        @Option(names = "--layers", description = "DARTS cells (cpu 5, paper 8) or NAS-Bench-201 cells per stage (cpu 1, paper 5).")
        Integer layers;
        @Option(names = "--batch", description = "Batch size (cpu 32, paper 64).")
        Integer batch;
        @Option(names = "--lr", defaultValue = "0.025", description = "Weight learning rate (cosine to 0.001).")
        double lr;
        @Option(names = "--alpha-lr", description = "α Adam learning rate (nb201 cpu preset 1e-2, otherwise 3e-4).")
        Double alphaLr;
        @Option(names = "--alpha-wd", defaultValue = "1e-3", description = "α weight decay (L2, pulls α towards uniform).")
        double alphaWd;
        @Option(names = "--partial-channels", defaultValue = "1", description = "PC-DARTS K (1 = off, 4 = PC-DARTS).")
        int partial;
        @Option(names = "--aux-skip", description = "DARTS-: auxiliary skip with β decaying 1 → 0.")
        boolean auxSkip;
        @Option(names = "--table", description = "NAS-Bench-201 table (CSV or folder) for the derived cell's true accuracy.")
        String table;
        @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
        String tableDataset;

        abstract String objective();

        abstract MaeObjective.Config mae();

        @Override
        public Integer call() throws Exception {
            SearchConfig cfg = SearchConfig.preset(preset.paper(), space, objective(), mae(), channels, layers, epochs, batch, lr,
                    alphaLr, alphaWd, new SearchOptions(partial, auxSkip), out.seed);
            int images = SpaceKits.get(space).searchPreset(preset.paper()).images();
            DiffSearchRun run = new DiffSearchRun(cfg, data.spec(out.seed, images), table, tableDataset);
            out.result(Experiments.start(run, out.dir("search-" + objective() + "-" + space), out::info));
            return 0;
        }
    }

    @Command(name = "mae-nas", description = "Label-free differentiable search by masked-image reconstruction (MAE-NAS).")
    static final class MaeNas extends Base {
        @Option(names = "--mask-ratio", defaultValue = "0.5", description = "Fraction of patches masked (default ${DEFAULT-VALUE}).")
        double maskRatio;
        @Option(names = "--patch", defaultValue = "4", description = "Patch size in pixels (default ${DEFAULT-VALUE}).")
        int patch;
        @Option(names = "--decoder", defaultValue = "hierarchical", description = "hierarchical or plain (default ${DEFAULT-VALUE}).")
        String decoder;
        @Option(names = "--remask", negatable = true,
                description = "Re-apply the mask to every feature map (SparK). Default: on with the hierarchical decoder, "
                        + "off with the plain one, whose 1x1 decoder would otherwise see nothing at masked positions.")
        Boolean remask;
        @Option(names = "--norm-pix", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Normalise each target patch.")
        boolean normPix;

        @Override
        String objective() {
            return "mae";
        }

        @Override
        MaeObjective.Config mae() {
            return MaeObjective.Config.of(maskRatio, patch, decoder, remask, normPix);
        }
    }

    @Command(name = "darts", description = "Supervised differentiable search (the DARTS baseline, first order).")
    static final class Darts extends Base {
        @Override
        String objective() {
            return "supervised";
        }

        @Override
        MaeObjective.Config mae() {
            return MaeObjective.Config.DEFAULT;
        }
    }
}
