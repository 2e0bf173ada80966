package io.jnas.search.darts;

import ai.djl.pytorch.jni.JniUtils;
import io.jnas.data.ImageData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times first-order search steps (α update + weight update) on seeded random 3×32×32 images of 10 classes, after
 * untimed warm-up steps; optionally writes a libtorch profiler trace of the timed steps.
 *
 * @param medianMs median milliseconds per step
 * @param minMs fastest step
 * @param maxMs slowest step
 */
public record StepBenchmark(double medianMs, double minMs, double maxMs) {

    /** Runs {@code warmup} + {@code steps} steps of {@code cfg}; {@code profile} (or null) receives a Chrome trace. */
    public static StepBenchmark run(SearchConfig cfg, int warmup, int steps, String profile) {
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        }
        int n = 2 * cfg.batch() * (steps + warmup);
        SplittableRandom r = new SplittableRandom(cfg.seed());
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
        try (DifferentiableSearch s = new DifferentiableSearch(cfg, new ImageData(px, labels, 3, 32, 32, classes))) {
            double[] ms;
            if (profile != null) {
                s.timeSteps(warmup, 0);
                JniUtils.startProfile(false, true, false);
                ms = s.timeSteps(0, steps);
                JniUtils.stopProfile(profile);
            } else {
                ms = s.timeSteps(warmup, steps);
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            int k = sorted.length;
            double median = k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
            return new StepBenchmark(median, sorted[0], sorted[k - 1]);
        }
    }

    /** The figures of {@code jnas bench supernet}: step times (ms) and the setting they were measured in. */
    public java.util.Map<String, Object> summary(SearchConfig cfg, int steps) {
        java.util.Map<String, Object> res = new java.util.LinkedHashMap<>();
        res.put("ms_per_step", Math.round(medianMs * 1000) / 1000.0);
        res.put("min_ms", Math.round(minMs * 1000) / 1000.0);
        res.put("max_ms", Math.round(maxMs * 1000) / 1000.0);
        res.put("steps", steps);
        res.put("space", cfg.space());
        res.put("channels", cfg.channels());
        res.put("layers", cfg.layers());
        res.put("batch", cfg.batch());
        res.put("objective", cfg.objective());
        res.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        return res;
    }
}
