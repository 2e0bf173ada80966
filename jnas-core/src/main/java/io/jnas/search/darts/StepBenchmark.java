package io.jnas.search.darts;

import io.jnas.data.ImageData;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times first-order search steps (α update + weight update) on seeded random 3×32×32 images of 10 classes, after
 * untimed warm-up steps; counts the arithmetic of a step; optionally profiles further steps with libtorch's profiler.
 *
 * <p>Operations per step, the convention of every {@code jnas bench}: a forward pass is 2 × MACs per image × batch
 * (convolutions, linear layers and pooling; batch norm and activations not counted), a backward pass with weight
 * gradients twice a forward pass, one without them (the α step of first-order DARTS) once. A step is then
 * 5 forward passes' worth (α: 1 + 1, weights: 1 + 2), 6 with {@code --all-grads}.
 *
 * @param medianMs median milliseconds per step
 * @param minMs fastest step
 * @param maxMs slowest step
 * @param macsPerImage MACs of one forward pass of the network and objective on one image
 * @param profiled steps run under the profiler after the timed ones (0 without one)
 */
public record StepBenchmark(double medianMs, double minMs, double maxMs, long macsPerImage, int profiled) {

    /**
     * Runs {@code warmup} + {@code steps} timed steps of {@code cfg}; {@code profiler} (or null) is then handed up to 3
     * further steps to run under a profiler.
     */
    public static StepBenchmark run(SearchConfig cfg, int warmup, int steps, java.util.function.Consumer<Runnable> profiler) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        int profiled = profiler == null ? 0 : Math.min(steps, 3);
        ImageData images = ImageData.noise(2 * cfg.batch() * (steps + warmup + profiled), 32, cfg.seed());
        try (DifferentiableSearch s = new DifferentiableSearch(cfg, images)) {
            double[] ms = s.timeSteps(warmup, steps);
            if (profiler != null) {
                profiler.accept(() -> s.timeSteps(0, profiled));
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            int k = sorted.length;
            double median = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
            return new StepBenchmark(median, sorted[0], sorted[k - 1], s.forwardMacs(), profiled);
        }
    }

    /** Floating-point operations of one step by the class comment's convention. */
    public double flopsPerStep(SearchConfig cfg) {
        int passes = cfg.skipWeightGradsInAlphaStep() ? 5 : 6;
        return 2.0 * macsPerImage * cfg.batch() * passes;
    }

    /** The figures of {@code jnas bench supernet}: step times (ms), the arithmetic rate and the setting. */
    public Map<String, Object> summary(SearchConfig cfg, int steps) {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("ms_per_step", Math.round(medianMs * 1000) / 1000.0);
        res.put("min_ms", Math.round(minMs * 1000) / 1000.0);
        res.put("max_ms", Math.round(maxMs * 1000) / 1000.0);
        res.put("steps", steps);
        res.put("space", cfg.space());
        res.put("channels", cfg.channels());
        res.put("layers", cfg.layers());
        res.put("batch", cfg.batch());
        res.put("objective", cfg.objective());
        res.put("images_per_s", Math.round(cfg.batch() * 1000.0 / medianMs * 10) / 10.0);
        res.put("macs_per_image", macsPerImage);
        res.put("gflop_per_step", Math.round(flopsPerStep(cfg) / 1e6) / 1e3);
        res.put("gflops", Math.round(flopsPerStep(cfg) / medianMs / 1e5) / 10.0);
        res.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        return res;
    }
}
