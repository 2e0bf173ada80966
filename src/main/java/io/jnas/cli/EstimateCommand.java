package io.jnas.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas estimate}: score a random sample of architectures with MOTE and the baselines. */
@Command(name = "estimate", description = "Score a seeded random sample of architectures with MOTE and baselines; "
        + "with --table, rank correlations against the benchmark's accuracy.")
public final class EstimateCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    Output out;
    @Option(names = "--space", defaultValue = "nb201", description = "nb201 or darts (default ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--estimators", defaultValue = "mote,params", split = ",",
            description = "Comma list of: mote, synflow, naswot, grad_norm, snip, params, flops, tse, short_acc.")
    List<String> estimators;
    @Option(names = "--sample", defaultValue = "50", description = "Architectures to score (default ${DEFAULT-VALUE}).")
    int sample;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--table", description = "NAS-Bench-201 table (CSV or folder) for τ, ρ and top-10 accuracy.")
    String table;
    @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
    String tableDataset;
    @Option(names = "--preset", defaultValue = "cpu", description = "cpu (<= 10 s per architecture) or paper (reference values).")
    String preset;
    @Option(names = "--out", defaultValue = "scores.csv", description = "CSV of scores; the run directory is next to it.")
    Path outCsv;
    @Mixin
    MoteMixin moteOptions;

    @Override
    public Integer call() throws Exception {
        boolean paper = MoteMixin.paper(preset);
        EstimateJob job;
        try {
            job = new EstimateJob(space, List.copyOf(estimators), sample, seed, data.spec(seed), moteOptions.rd(seed, paper),
                    moteOptions.raSize(paper), moteOptions.mote(seed, paper), table, tableDataset, outCsv.toString());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        out.result(job.start(out));
        return 0;
    }

}
