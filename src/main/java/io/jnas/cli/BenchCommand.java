package io.jnas.cli;

import io.jnas.data.ImageData;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.search.darts.DifferentiableSearch;
import io.jnas.search.darts.SearchConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas bench}: speed measurements. */
@Command(name = "bench", description = "Speed measurements.", subcommands = {BenchCommand.SupernetBench.class})
public final class BenchCommand {

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
        @Mixin
        Output out;

        @Override
        public Integer call() {
            Options.positive("--steps", steps);
            SearchConfig cfg;
            try {
                cfg = new SearchConfig(space, objective, new MaeObjective.Config(0.5, 4, true, true, true), channels, layers,
                        10, batch, 0.025, 0.001, 0.9, 3e-4, 5, 3e-4, 1e-3, SearchOptions.PLAIN, !allGrads, seed);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            int n = 2 * batch * (steps + warmup);
            SplittableRandom r = new SplittableRandom(seed);
            byte[] px = new byte[n * 3 * 32 * 32];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10;
            }
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) r.nextInt(256);
            }
            List<String> classes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                classes.add("c" + i);
            }
            ImageData data = new ImageData(px, labels, 3, 32, 32, classes);
            try (DifferentiableSearch s = new DifferentiableSearch(cfg, data)) {
                double[] ms;
                if (profile != null) {
                    s.timeSteps(warmup, 0);
                    ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
                    ms = s.timeSteps(0, steps);
                    ai.djl.pytorch.jni.JniUtils.stopProfile(profile);
                } else {
                    ms = s.timeSteps(warmup, steps);
                }
                double[] sorted = ms.clone();
                Arrays.sort(sorted);
                double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("ms_per_step", TrainJob.round(median));
                res.put("min_ms", TrainJob.round(sorted[0]));
                res.put("max_ms", TrainJob.round(sorted[sorted.length - 1]));
                res.put("steps", steps);
                res.put("space", space);
                res.put("channels", channels);
                res.put("layers", layers);
                res.put("batch", batch);
                res.put("objective", objective);
                res.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
                out.result(res);
            }
            return 0;
        }
    }
}
