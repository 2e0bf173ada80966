package io.jnas.latency;

import io.jnas.space.LatencyModel;

/**
 * A space's latency model on this device together with the means to measure: what a search predicts with and what
 * its final front is measured with.
 *
 * @param <A> the architecture record type
 */
public interface Latency<A> extends LatencyModel<A>, AutoCloseable {

    /** Measures {@code arch}'s whole network now (not from the model), in the meter's three sessions. */
    default Measurement measure(A arch) {
        return measure(arch, LatencyMeter.SESSIONS);
    }

    /** Measures {@code arch}'s whole network now in {@code sessions} sessions (ort) or rounds (jnas), the fastest kept. */
    Measurement measure(A arch, int sessions);

    /** Passes of {@link #measureSpread} by default. */
    int PASSES = 5;
    /** Passes of a spread measurement at most, however short a pass is. */
    int MAX_PASSES = 30;

    /**
     * Each of {@code archs} measured {@code passes} times, one pass over all of them after another, and its fastest
     * measurement kept: on a shared or virtual machine the speed flips between states for seconds at a time (one DARTS
     * network here ran 1.25 ms and 2.0 ms within 20 s, its three back-to-back sessions always in one state), so repeats
     * spread over time find the machine's steady speed where repeats in a row cannot. Each pass is one session: the
     * passes do what back-to-back sessions did, so {@code passes} sessions in all. When the passes took less than
     * {@link #spreadSeconds()}, more passes follow until that much time has passed (a pass over 20 small subnets takes
     * under a second, and five of them fell inside one slow spell). {@code step} runs after each measurement of the
     * first {@code passes} passes.
     */
    default double[] measureSpread(java.util.List<A> archs, int passes, Runnable step) {
        return spread(archs.size(), passes, spreadSeconds(), i -> value(measure(archs.get(i), 1)), step);
    }

    /** How the model measures (null: a session's median, no span). */
    default MeasureOptions options() {
        return null;
    }

    /** A session's latency under the model's statistic. */
    default double value(Measurement m) {
        return options() == null ? m.medianMs() : options().value(m);
    }

    /** Seconds a spread measurement spans at least (0: exactly its passes). */
    default double spreadSeconds() {
        return options() == null ? 0 : options().spread();
    }

    /**
     * The fastest of {@code passes} or more passes of {@code measure} over items 0..n-1, more passes (up to
     * {@link #MAX_PASSES}) while less than {@code seconds} have passed since the first; {@code step} runs after each
     * measurement of the first {@code passes} passes.
     */
    static double[] spread(int n, int passes, double seconds, java.util.function.IntToDoubleFunction measure, Runnable step) {
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
        long t0 = System.nanoTime();
        for (int pass = 0; n > 0 && (pass < passes || pass < MAX_PASSES && (System.nanoTime() - t0) / 1e9 < seconds); pass++) {
            for (int i = 0; i < n; i++) {
                best[i] = Math.min(best[i], measure.applyAsDouble(i));
                if (pass < passes) {
                    step.run();
                }
            }
        }
        return best;
    }

    /** The model's stored measurements. */
    LatencyTable table();

    /** The device the model and the measurements describe. */
    default Device device() {
        return table().device();
    }

    /** Where the model's measurements are stored. */
    default java.nio.file.Path file() {
        return table().file();
    }

    @Override
    void close();
}
