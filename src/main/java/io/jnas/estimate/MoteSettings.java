package io.jnas.estimate;

import io.jnas.data.reduce.RdSpec;

/**
 * Everything a MOTE estimate needs besides the architecture: the estimate's settings, how its reduced dataset is
 * built, and the reduced architecture's input size.
 *
 * @param config E, G, batch, width, speed and landscape forms
 * @param rd how the reduced dataset is chosen
 * @param raSize input size of the reduced architecture in pixels
 */
public record MoteSettings(MoteConfig config, RdSpec rd, int raSize) {
    public MoteSettings {
        if (raSize < 8) {
            throw new IllegalArgumentException("--ra-size must be >= 8, got " + raSize);
        }
    }

    /**
     * The cpu preset, chosen by bench/mote_calibration.sh: E = 4, G = 3, width 32, 16 px, 50 images per label (about
     * 2 s per NAS-Bench-201 cell on 2 cores, the best Kendall τ of the settings measured).
     */
    public static MoteSettings cpu(String encoder, long seed) {
        return new MoteSettings(new MoteConfig(4, 3, 128, 1e-3, 0.01, 32, "macs", "train", seed),
                new RdSpec("images", 10, 50, 20, encoder, 200, seed), 16);
    }

    /** The reference values (GPU scale): E = 50, G = 10, batch 1024, width 32, 32 px, 100 images per label. */
    public static MoteSettings paper(String encoder, long seed) {
        return new MoteSettings(new MoteConfig(50, 10, 1024, 1e-3, 0.01, 32, "macs", "train", seed),
                new RdSpec("images", 10, 100, 20, encoder, 200, seed), 32);
    }
}
