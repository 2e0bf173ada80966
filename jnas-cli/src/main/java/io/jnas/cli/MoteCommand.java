package io.jnas.cli;

import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Nb201Table;
import io.jnas.experiment.Experiments;
import io.jnas.experiment.SearchRun;
import io.jnas.search.EvolutionConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas search mote}: MOTE-NAS (evolution or random sampling scored by an estimator, MOTE by default). */
@Command(name = "mote", description = "MOTE-NAS: evolutionary search scored by the MOTE estimate (or any --estimator).")
final class MoteCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    PresetMixin preset;
    @Mixin
    MoteMixin mote;
    @Mixin
    LabelsMixin labels;
    @Mixin
    WorkersMixin workers;
    @Mixin
    RunOptions out;
    @Option(names = "--space", defaultValue = "nb201", description = "The space (default ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--estimator", defaultValue = "mote", description = "The estimator that scores (default ${DEFAULT-VALUE}; "
            + "any of jnas estimate's).")
    String estimator;
    @Option(names = "--strategy", description = "evolution (MOTE-NAS), random or any declared strategy (default: evolution; "
            + "random with --variant rs).")
    String strategy;
    @Option(names = "--strategy-option", description = "KEY=VALUE: a setting of the strategy (evolution: initial, iterations, "
            + "parents); repeatable.")
    java.util.Map<String, String> strategyOptions = new java.util.LinkedHashMap<>();
    @Option(names = "--variant", defaultValue = "topk",
            description = "topk (validate the k best by 12-epoch accuracy), ef (evaluation-free: the best estimate) or rs "
                    + "(random sampling, then topk).")
    String variant;
    @Option(names = "--k", defaultValue = "10", description = "Top-k validated (default ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--validation", defaultValue = "table", description = "What validates the top k: table (12-epoch "
            + "accuracy of --table) or trained (each trained --validate-epochs epochs on --dataset).")
    String validation;
    @Option(names = "--validate-epochs", defaultValue = "1", description = "Epochs of --validation trained (default ${DEFAULT-VALUE}).")
    int validateEpochs;
    @Option(names = "--iterations", defaultValue = "10", description = "Evolution iterations (default ${DEFAULT-VALUE}).")
    int iterations;
    @Option(names = "--initial", defaultValue = "10", description = "Random architectures seeding the pool.")
    int initial;
    @Option(names = "--parents", defaultValue = "0.1", description = "Fraction of the pool used as parents (reference code: 0.01).")
    double parents;
    @Option(names = "--table", description = "NAS-Bench-201 table: true accuracy, and 12-epoch validation for topk/rs.")
    String table;
    @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
    String tableDataset;

    @Override
    public Integer call() throws Exception {
        long seed = out.seed;
        EstimatorSpec spec = new EstimatorSpec(space, List.of(estimator), data.spec(seed, 0), mote.settings(preset.paper(), seed),
                table, Nb201Table.testColumn(tableDataset, 200), seed, mote.ensemble(), null,
                validation.equals("trained") ? validateEpochs : 0, labels.get(true, workers.spec()));
        SearchRun run = SearchRun.variant(variant, strategy, strategyOptions, new EvolutionConfig(initial, iterations, parents, seed),
                spec, k, validation, tableDataset, workers.spec());
        out.result(Experiments.start(run, out.dir("search-mote"), out::info));
        return 0;
    }
}
