package io.jnas.estimate;

/**
 * Settings of the MOTE estimate (MOTE-NAS, NeurIPS 2024, openreview.net/forum?id=jKLyKeZfzv).
 *
 * @param epochs E, training epochs of the reduced architecture
 * @param interpolation G, landscape points are g = 0..G
 * @param batch batch size (reference 1024)
 * @param lr Adam learning rate (reference 1e-3)
 * @param smoothing label smoothing (reference 0.01)
 * @param width RA width (reference 32)
 * @param speed {@code time} (wall seconds; machine-dependent) or {@code macs} (training MACs; deterministic)
 * @param landscape {@code train} (one epoch of training from θ_g, as the reference) or {@code eval} (no updates)
 * @param seed seed of the RA initialisation and batch order
 */
public record MoteConfig(int epochs, int interpolation, int batch, double lr, double smoothing, int width, String speed,
        String landscape, long seed) {
    public MoteConfig {
        if (epochs < 1 || interpolation < 1 || batch < 1 || width < 4) {
            throw new IllegalArgumentException("MOTE needs epochs >= 1, G >= 1, batch >= 1 and width >= 4");
        }
        if (!speed.equals("time") && !speed.equals("macs")) {
            throw new IllegalArgumentException("MOTE speed term must be 'time' or 'macs', got '" + speed + "'");
        }
        if (!landscape.equals("train") && !landscape.equals("eval")) {
            throw new IllegalArgumentException("MOTE landscape term must be 'train' or 'eval', got '" + landscape + "'");
        }
    }

    /** The reference values (GPU scale): E = 50, G = 10, batch 1024, width 32. */
    public static MoteConfig reference(long seed) {
        return new MoteConfig(50, 10, 1024, 1e-3, 0.01, 32, "time", "train", seed);
    }
}
