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

    /**
     * What a user set on top of a preset; null (or the option's default) keeps the preset's value.
     *
     * @param epochs E
     * @param g G
     * @param batch batch size
     * @param width RA width
     * @param speed speed term (time or macs)
     * @param landscape landscape term (train or eval)
     * @param rdMethod RD selection (labels, images, random)
     * @param rdLabels labels kept by the labels method
     * @param rdImages training images per label
     * @param rdTestImages test images per label
     * @param encoder ONNX image model of the RD, or none
     * @param encodeLimit images encoded per label
     * @param raSize RA input size
     */
    public record Overrides(Integer epochs, Integer g, Integer batch, Integer width, String speed, String landscape,
            String rdMethod, int rdLabels, Integer rdImages, int rdTestImages, String encoder, int encodeLimit, Integer raSize) {
    }

    /** The cpu or paper preset with {@code o} applied; IllegalArgumentException when the encoder file is missing. */
    public static MoteSettings of(boolean paper, long seed, Overrides o) {
        if (!o.encoder().equals("none") && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(o.encoder()))) {
            throw new IllegalArgumentException("--encoder " + o.encoder() + " does not exist; give an ONNX image model or 'none'");
        }
        MoteSettings p = paper ? paper(o.encoder(), seed) : cpu(o.encoder(), seed);
        MoteConfig c = p.config();
        RdSpec rd = p.rd();
        return new MoteSettings(new MoteConfig(or(o.epochs(), c.epochs()), or(o.g(), c.interpolation()), or(o.batch(),
                c.batch()), c.lr(), c.smoothing(), or(o.width(), c.width()), o.speed(), o.landscape(), seed),
                new RdSpec(or(o.rdMethod(), rd.method()), o.rdLabels(), or(o.rdImages(), rd.perLabel()), o.rdTestImages(),
                        o.encoder(), o.encodeLimit(), seed), or(o.raSize(), p.raSize()));
    }

    private static <T> T or(T v, T d) {
        return v != null ? v : d;
    }
}
