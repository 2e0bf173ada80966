package io.jnas.nn;

import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;

/**
 * Which network to build, as stored in a run's config.yaml.
 *
 * @param kind {@code cnn} (small fixed CNN), {@code nb201} or {@code darts}
 * @param arch the NAS-Bench-201 cell or DARTS genotype text (unused for cnn)
 * @param channels base width: CNN first-stage width, NB201 stem C, DARTS initial C
 * @param depth CNN stages, NB201 cells per stage, DARTS layers
 * @param auxiliary DARTS auxiliary head
 */
public record ModelSpec(String kind, String arch, int channels, int depth, boolean auxiliary) {
    public ModelSpec {
        if (!java.util.List.of("cnn", "nb201", "darts").contains(kind)) {
            throw new IllegalArgumentException("model kind must be cnn, nb201 or darts, got '" + kind + "'");
        }
        if (channels < 1 || depth < 1) {
            throw new IllegalArgumentException("model width and depth must be >= 1, got " + channels + ", " + depth);
        }
        if (!kind.equals("cnn")) {
            // validate early so a bad architecture fails before any data is read
            parse(kind, arch);
        }
    }

    private static Object parse(String kind, String arch) {
        return kind.equals("nb201") ? Nb201Cell.parse(arch) : "DARTS_V2".equals(arch) ? Genotype.DARTS_V2 : Genotype.parse(arch);
    }

    /** Builds the network with weights drawn from {@code init}. */
    public Network build(Init init, int inChannels, int classes) {
        return switch (kind) {
            case "cnn" -> new SimpleCnn(init, inChannels, classes, channels, depth);
            case "nb201" -> new Nb201Network(init, Nb201Cell.parse(arch), inChannels, classes, channels, depth);
            default -> new DartsNetwork(init, (Genotype) parse(kind, arch), inChannels, classes, channels, depth, auxiliary);
        };
    }

    /** Canonical architecture text (or a CNN description). */
    public String describe() {
        return kind.equals("cnn") ? "cnn(width=" + channels + ", stages=" + depth + ")" : parse(kind, arch).toString();
    }
}
