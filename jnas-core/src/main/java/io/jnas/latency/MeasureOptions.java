package io.jnas.latency;

import java.util.List;

/**
 * How a latency is measured.
 *
 * @param runtime {@code ort} (ONNX Runtime, the network exported as jnas export writes it) or {@code jnas} (libtorch
 *     inference without autograd)
 * @param batch images per call
 * @param threads intra-op threads of the runtime
 * @param warmup untimed calls first
 * @param repeats timed calls per session
 * @param spread seconds that spread measurements (a model's entries, a validation, a front) span at least: their passes
 *     over the architectures go on beyond the first five until this much time has passed (at most
 *     {@link Latency#MAX_PASSES}), so that a short list is not measured inside one of a shared machine's slow spells
 * @param statistic what one session's timed calls are summed up as, the latency: {@code min} (the fastest call: what
 *     the network costs on this device without interference, the most repeatable on a shared machine) or
 *     {@code median}; a session, and a spread measurement's pass, with the smallest value is kept
 */
public record MeasureOptions(String runtime, int batch, int threads, int warmup, int repeats, double spread, String statistic) {
    /** The runtimes there are. */
    public static final List<String> RUNTIMES = List.of("ort", "jnas");
    /** Seconds spread measurements span at least by default. */
    public static final double SPREAD = 15;
    /** The statistics there are. */
    public static final List<String> STATISTICS = List.of("min", "median");
    /** The statistic by default: the fastest call. */
    public static final String STATISTIC = "min";

    /** Options with the default {@link #SPREAD} and {@link #STATISTIC}. */
    public MeasureOptions(String runtime, int batch, int threads, int warmup, int repeats) {
        this(runtime, batch, threads, warmup, repeats, SPREAD, STATISTIC);
    }

    public MeasureOptions {
        if (!RUNTIMES.contains(runtime)) {
            throw new IllegalArgumentException("--runtime must be ort or jnas, got '" + runtime + "'");
        }
        if (batch < 1 || threads < 1 || warmup < 0 || repeats < 3) {
            throw new IllegalArgumentException("latency needs --batch >= 1, --threads >= 1, --warmup >= 0 and --repeats >= 3, got "
                    + batch + ", " + threads + ", " + warmup + ", " + repeats);
        }
        if (!(spread >= 0 && spread <= 3600)) {
            throw new IllegalArgumentException("--spread must be between 0 and 3600 seconds, got " + spread);
        }
        if (!STATISTICS.contains(statistic)) {
            throw new IllegalArgumentException("--statistic must be min or median, got '" + statistic + "'");
        }
    }

    /** The latency of {@code m} under {@link #statistic}, in milliseconds. */
    public double value(Measurement m) {
        return "min".equals(statistic) ? m.minMs() : m.medianMs();
    }

    /** The defaults: ONNX Runtime, batch 1, 1 thread, 10 warm-up calls, 50 timed calls. */
    public static MeasureOptions defaults() {
        return new MeasureOptions("ort", 1, 1, 10, 50);
    }

    /** The same options with another runtime, batch and threads (warm-up and repeats kept). */
    public MeasureOptions with(String runtime, int batch, int threads) {
        return new MeasureOptions(runtime, batch, threads, warmup, repeats, spread, statistic);
    }
}
