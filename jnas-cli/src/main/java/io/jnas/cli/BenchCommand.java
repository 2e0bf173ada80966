package io.jnas.cli;

import io.jnas.experiment.SupernetStepBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jnas bench}: speed measurements. */
@Command(name = "bench", description = "Measurements: super-network step speed, estimator throughput, NAS-Bench-201 front quality.",
        subcommands = {BenchCommand.SupernetBench.class, BenchCommand.EstimateBench.class, BenchCommand.FrontBench.class})
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

    @Command(name = "supernet", description = "Speed of super-network training steps on seeded random images, median after "
            + "warm-up: darts/nb201 a first-order search step (α update + weight update, 3x32x32), ofa/ofav2 one sampled "
            + "subnet's training step at --resolution; with the arithmetic rate (GFLOP/s) against this machine's measured peak.")
    static final class SupernetBench implements Callable<Integer> {
        @Option(names = "--space", defaultValue = "darts", description = "darts, nb201, ofa or ofav2 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--channels", defaultValue = "8", description = "darts/nb201: C (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--layers", defaultValue = "5",
                description = "darts: cells; nb201: cells per stage (default ${DEFAULT-VALUE}).")
        int layers;
        @Option(names = "--resolution", defaultValue = "32", description = "ofa/ofav2: input resolution (default ${DEFAULT-VALUE}).")
        int resolution;
        @Option(names = "--mode", defaultValue = "largest", description = "ofa/ofav2: training steps of the largest or random subnets, "
                + "or NAT's evaluation of random subnets: largest, random or evaluate (default ${DEFAULT-VALUE}).")
        String mode;
        @Option(names = "--recalib-images", defaultValue = "500", description = "evaluate: batch-norm recalibration images "
                + "(default ${DEFAULT-VALUE}, the cpu preset).")
        int recalib;
        @Option(names = "--val-images", defaultValue = "5000", description = "evaluate: validation images "
                + "(default ${DEFAULT-VALUE}, CIFAR-10's split).")
        int val;
        @Option(names = "--runtime", defaultValue = "ort", description = "evaluate: where the validation runs, ort (as NAT) or jnas "
                + "(libtorch) (default ${DEFAULT-VALUE}).")
        String runtime;
        @Option(names = "--width", defaultValue = "1.0", description = "ofa/ofav2: width multiplier (default ${DEFAULT-VALUE}).")
        double width;
        @Option(names = "--batch", defaultValue = "32", description = "Batch (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--steps", defaultValue = "10", description = "Timed steps (default ${DEFAULT-VALUE}).")
        int steps;
        @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up steps (default ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--objective", defaultValue = "supervised",
                description = "darts/nb201: supervised or mae (default ${DEFAULT-VALUE}).")
        String objective;
        @Option(names = "--all-grads",
                description = "darts/nb201: also compute weight gradients in the α step (as the original DARTS code does).")
        boolean allGrads;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--profile", description = "Profile up to 3 more steps with libtorch's profiler: Chrome trace to FILE, native "
                + "calls and libtorch time per step in the result.")
        java.nio.file.Path profile;
        @Option(names = "--json", description = "Print one JSON object as the last line of standard output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            RunOptions.print(json, SupernetStepBench.run(new SupernetStepBench.Options(space, channels, layers, resolution, mode,
                    recalib, val, runtime, width, batch, steps, warmup, objective, allGrads, seed, profile)));
            return 0;
        }
    }

    @Command(name = "estimate", description = "Candidates per minute of estimators: an estimate study of --count seeded random "
            + "architectures (as jnas estimate runs it), timed per estimator from its scores.csv.")
    static final class EstimateBench implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        DataMixin data;
        @picocli.CommandLine.Mixin
        PresetMixin preset;
        @picocli.CommandLine.Mixin
        MoteMixin mote;
        @Option(names = "--space", defaultValue = "nb201", description = "nb201 or darts (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--estimators", defaultValue = "mote", split = ",", description = "Estimators to time (default ${DEFAULT-VALUE}).")
        java.util.List<String> estimators;
        @Option(names = "--count", defaultValue = "10", description = "Candidates (default ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--profile", description = "Run under libtorch's profiler: Chrome trace to FILE, native calls and libtorch "
                + "time per candidate in the result (the profiled rates are slower).")
        java.nio.file.Path profile;
        @picocli.CommandLine.Mixin
        RunOptions out;

        @Override
        public Integer call() throws Exception {
            var spec = new io.jnas.estimate.EstimatorSpec(space, estimators, data.spec(out.seed, 0), mote.settings(preset.paper(),
                    out.seed), null, null, out.seed, mote.ensemble());
            out.result(io.jnas.experiment.EstimateBenchmark.run(spec, count, out.dir("bench-estimate"), profile, out::info));
            return 0;
        }
    }
}
