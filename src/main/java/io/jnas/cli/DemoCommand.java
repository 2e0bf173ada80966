package io.jnas.cli;

import io.jnas.data.DataSpec;
import io.jnas.nn.ModelSpec;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.run.RunDir;
import io.jnas.search.darts.SearchConfig;
import io.jnas.train.TrainConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jnas demo}: a small label-free MAE-NAS search on the NAS-Bench-201 space, a short
 * training of the cell it finds, and one report (about 2 minutes on 2 cores with Fashion-MNIST).
 */
@Command(name = "demo", description = "MAE-NAS search (label-free) on Fashion-MNIST or the data set given, a short "
        + "training of the cell found, and a report (about 2 minutes on 2 cores).")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    Output out;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--search-epochs", defaultValue = "8", description = "Search epochs (default ${DEFAULT-VALUE}).")
    int searchEpochs;
    @Option(names = "--search-images", defaultValue = "2000", description = "Training images the search sees (default ${DEFAULT-VALUE}).")
    int searchImages;
    @Option(names = "--train-epochs", defaultValue = "2", description = "Training epochs of the found cell (default ${DEFAULT-VALUE}).")
    int trainEpochs;
    @Option(names = "--train-images", defaultValue = "10000", description = "Training images for the found cell (default ${DEFAULT-VALUE}).")
    int trainImages;
    @Option(names = "--table", description = "NAS-Bench-201 table: also report the found cell's CIFAR-10 benchmark accuracy.")
    String table;
    @Option(names = "--out", description = "Run directory (default runs/demo-<time>-s<seed>).")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        DemoJob job;
        try {
            SearchConfig search = new SearchConfig("nb201", "mae", new MaeObjective.Config(0.5, 4, true, true, true), 8, 1,
                    searchEpochs, 32, 0.025, 0.001, 0.9, 3e-4, 5, 3e-4, 1e-3, SearchOptions.PLAIN, true, seed);
            DataSpec base = data.spec(seed);
            DataSpec searchData = new DataSpec(base.dataset(), base.dataPath(), base.download(), base.size(), searchImages,
                    0, seed);
            DataSpec trainData = new DataSpec(base.dataset(), base.dataPath(), base.download(), base.size(),
                    data.trainSize > 0 ? data.trainSize : trainImages, data.testSize, seed);
            TrainConfig tc = TrainConfig.defaults(trainEpochs, 128, seed);
            TrainConfig train = new TrainConfig(tc.epochs(), tc.batch(), "sgd", 0.1, 0, "cosine", 0, 0.9, true, 5e-4, 0, 5, 0,
                    0, 2, true, 0, seed);
            job = new DemoJob(new SearchJob(search, searchData, table, "cifar10"),
                    new TrainJob(new ModelSpec("nb201", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", 16, 2, false),
                            trainData, train));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Path dir = outDir != null ? outDir : RunDir.defaultPath("demo", seed);
        out.result(job.start(dir, out));
        return 0;
    }
}
