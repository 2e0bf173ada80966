package io.jnas.cli;

import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Nb201Table;
import io.jnas.estimate.SupernetEstimator;
import io.jnas.experiment.EstimateRun;
import io.jnas.experiment.Experiments;
import io.jnas.train.ofa.TrainedSupernet;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas estimate}: score a random sample of architectures with MOTE and the baselines. */
@Command(name = "estimate", description = "Score a seeded random sample of architectures with several estimators; "
        + "with --table, rank correlations against the benchmark's accuracy.")
final class EstimateCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    PresetMixin preset;
    @Mixin
    MoteMixin mote;
    @Option(names = "--space", defaultValue = "nb201", description = "nb201 or darts (default ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--estimators", defaultValue = "mote,params", split = ",",
            description = "Comma list of: mote, tse, short_acc, az_nas, synflow, naswot, jacov, zico, grad_norm, snip, params, "
                    + "flops, macs, ensemble, table.")
    List<String> estimators;
    @Option(names = "--sample", defaultValue = "50", description = "Architectures to score (default ${DEFAULT-VALUE}).")
    int sample;
    @Option(names = "--table", description = "NAS-Bench-201 table (CSV or folder) for τ, ρ and top-10 accuracy.")
    String table;
    @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
    String tableDataset;
    @Option(names = "--supernet", description = "A trained super-network's run directory (jnas supernet train): the supernet "
            + "estimator scores its subnets (--space ofa, for OFA and OFAv2 super-networks) with its weights.")
    Path supernet;
    @Mixin
    LabelsMixin labels;
    @Mixin
    WorkersMixin workers;
    @Mixin
    RunOptions out;

    /** --out X.csv writes the scores to X.csv with the run directory X/ next to it; any other --out is the run directory. */
    @Override
    public Integer call() throws Exception {
        long seed = out.seed;
        SupernetEstimator.requireWeights(estimators, supernet);
        if (supernet != null) {
            TrainedSupernet.checkStudySpace(supernet, space);
        }
        EstimatorSpec spec = new EstimatorSpec(space, estimators, data.spec(seed, 0), mote.settings(preset.paper(), seed), table,
                Nb201Table.testColumn(tableDataset, 200), seed, mote.ensemble(), supernet == null ? null : supernet.toString(), 0,
                labels.get(false));
        boolean csv = out.out != null && out.out.toString().endsWith(".csv");
        Path dir = csv ? runDirFor(out.out) : out.dir("estimate");
        out.result(Experiments.start(new EstimateRun(spec, sample, csv ? out.out.toString() : null, workers.spec()), dir,
                out::info));
        return 0;
    }

    /** The run directory next to a CSV: scores.csv → scores/. */
    static Path runDirFor(Path csv) {
        String n = csv.getFileName().toString();
        return csv.resolveSibling(n.endsWith(".csv") ? n.substring(0, n.length() - 4) : n + ".run");
    }
}
