package io.jnas.cli;

import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.search.darts.SearchConfig;
import io.jnas.search.darts.StepBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnas bench}: speed measurements. */
@Command(name = "bench", description = "Measurements: search-step speed, NAS-Bench-201 front quality.",
        subcommands = {BenchCommand.SupernetBench.class, BenchCommand.FrontBench.class})
final class BenchCommand implements NoKernels {

    @Command(name = "front", description = "Hypervolume of NAS-Bench-201 fronts (search nat --space nb201 runs, or random "
            + "samples) as a fraction of the true front's (error, params, MACs scaled to the true front).")
    static final class FrontBench implements Callable<Integer> {
        @Option(names = "--table", required = true, description = "NAS-Bench-201 table (CSV or folder).")
        java.nio.file.Path table;
        @Option(names = "--random", split = ",", description = "Also random samples of these sizes (e.g. 100,1000).")
        java.util.List<Integer> random = java.util.List.of();
        @Option(names = "--seeds", defaultValue = "10", description = "Seeds per random sample size (default ${DEFAULT-VALUE}).")
        int seeds;
        @picocli.CommandLine.Parameters(arity = "0..*", description = "Run directories of search nat on nb201.")
        java.util.List<java.nio.file.Path> runs = java.util.List.of();
        @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            RunOptions.print(json, new io.jnas.experiment.FrontBenchmark(table).report(runs, random, seeds));
            return 0;
        }
    }

    @Command(name = "supernet", description = "Milliseconds per first-order search step (α update + weight update) "
            + "on random 3x32x32 images, median after warm-up.")
    static final class SupernetBench implements Callable<Integer> {
        @Option(names = "--space", defaultValue = "darts", description = "darts or nb201 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--channels", defaultValue = "8", description = "C (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--layers", defaultValue = "5", description = "DARTS cells or NB201 cells per stage (default ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--batch", defaultValue = "32", description = "Batch (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up steps (default ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--objective", defaultValue = "supervised", description = "supervised or mae (default ${DEFAULT-VALUE}).")
        String objective;
        @Option(names = "--all-grads", description = "Also compute weight gradients in the α step (as the original DARTS code does).")
        boolean allGrads;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--profile", description = "Write a libtorch profiler trace (Chrome JSON) of the timed steps to FILE.")
        String profile;
        @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
        boolean json;

        @Override
        public Integer call() {
            SearchConfig cfg = new SearchConfig(space, objective, MaeObjective.Config.DEFAULT, channels, layers, 10, batch, 0.025,
                    0.001, 0.9, 3e-4, 5, 3e-4, 1e-3, SearchOptions.PLAIN, !allGrads, seed);
            RunOptions.print(json, StepBenchmark.run(cfg, warmup, steps, profile).summary(cfg, steps));
            return 0;
        }
    }
}
