package io.jnas.nn.kit;

import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.SimpleCnn;

/**
 * Which network to build, as stored in a run's config.yaml: a small fixed CNN ({@code cnn}) or the network of an
 * architecture of a space kit ({@code nb201}, {@code darts}, ...).
 *
 * @param kind {@code cnn} or a space name
 * @param arch the architecture's text form (unused for cnn)
 * @param channels base width: CNN first-stage width, NB201 stem C, DARTS initial C
 * @param depth CNN stages, NB201 cells per stage, DARTS layers
 * @param auxiliary DARTS auxiliary head
 */
public record ModelSpec(String kind, String arch, int channels, int depth, boolean auxiliary) {
    /** The one network that is not an architecture of a space. */
    public static final String CNN = "cnn";

    /** A genotype text as given: {@code random:SEED} becomes that seeded random genotype, written out in full. */
    public static String darts(String genotype) {
        if (!genotype.startsWith("random:")) {
            return genotype;
        }
        long s;
        try {
            s = Long.parseLong(genotype.substring("random:".length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--genotype random:SEED needs an integer seed, got '" + genotype + "'");
        }
        SpaceKit<Object> kit = SpaceKits.get("darts");
        return kit.space().format(kit.space().sample(new java.util.SplittableRandom(s)));
    }

    public ModelSpec {
        if (channels < 1 || depth < 1) {
            throw new IllegalArgumentException("model width and depth must be >= 1, got " + channels + ", " + depth);
        }
        if (!kind.equals(CNN)) {
            // validate early so a bad architecture fails before any data is read
            SpaceKits.get(kind).parse(arch);
        }
    }

    /** Builds the network with weights drawn from {@code init}. */
    public Network build(Init init, int inChannels, int classes) {
        if (kind.equals(CNN)) {
            return new SimpleCnn(init, inChannels, classes, channels, depth);
        }
        return build(SpaceKits.get(kind), init, inChannels, classes);
    }

    private <A> Network build(SpaceKit<A> kit, Init init, int inChannels, int classes) {
        return kit.network(init, kit.parse(arch), inChannels, classes, new SpaceKit.Shape(channels, depth, auxiliary));
    }

    /** Canonical architecture text (or a CNN description). */
    public String describe() {
        return kind.equals(CNN) ? "cnn(width=" + channels + ", stages=" + depth + ")" : canonical(SpaceKits.get(kind));
    }

    private <A> String canonical(SpaceKit<A> kit) {
        return kit.space().format(kit.parse(arch));
    }
}
