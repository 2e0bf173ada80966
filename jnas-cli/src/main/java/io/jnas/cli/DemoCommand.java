package io.jnas.cli;

import io.jnas.data.DataSpec;
import io.jnas.experiment.DemoRun;
import io.jnas.experiment.DiffSearchRun;
import io.jnas.experiment.Experiments;
import io.jnas.experiment.TrainRun;
import io.jnas.nn.kit.ModelSpec;
import io.jnas.search.darts.SearchConfig;
import io.jnas.train.TrainConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jnas demo}: a small label-free MAE-NAS search on the NAS-Bench-201 space, a short training of the cell it
 * finds, and one report (about 2 minutes on 2 cores with Fashion-MNIST).
 */
@Command(name = "demo", description = "MAE-NAS search (label-free) on Fashion-MNIST or the data set given, a short "
        + "training of the cell found, and a report (about 2 minutes on 2 cores).")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    RunOptions out;
    @Option(names = "--search-epochs", defaultValue = "8", description = "Search epochs (default ${DEFAULT-VALUE}).")
    int searchEpochs;
    @Option(names = "--search-images", defaultValue = "2000", description = "Training images the search sees (default ${DEFAULT-VALUE}).")
    int searchImages;
    @Option(names = "--train-epochs", defaultValue = "2", description = "Training epochs of the found cell (default ${DEFAULT-VALUE}).")
    int trainEpochs;
    @Option(names = "--train-images", defaultValue = "10000",
            description = "Training images for the found cell (default ${DEFAULT-VALUE}).")
    int trainImages;
    @Option(names = "--table", description = "NAS-Bench-201 table: also report the found cell's CIFAR-10 benchmark accuracy.")
    String table;

    @Override
    public Integer call() throws Exception {
        long seed = out.seed;
        DataSpec base = data.spec(seed, 0, true);
        DataSpec searchData = new DataSpec(base.dataset(), base.dataPath(), base.download(), base.size(), searchImages, 0, seed);
        DataSpec trainData = data.spec(seed, trainImages, true);
        DemoRun run = new DemoRun(new DiffSearchRun(SearchConfig.demo(searchEpochs, seed), searchData, table, "cifar10"),
                new TrainRun(new ModelSpec("nb201", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", 16, 2, false), trainData,
                        TrainConfig.nb201Protocol(trainEpochs, 128, 2, seed)));
        out.result(Experiments.start(run, out.dir("demo"), out::info));
        return 0;
    }
}
