package io.jnas.nn;

import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;
import java.util.function.BiFunction;

/**
 * Network builders per cell space, for estimators that need "the full network" or "the
 * reduced architecture" of an architecture without knowing which space it came from.
 *
 * @param <A> architecture type
 * @param full builds the space's full-size network
 * @param reduced builds MOTE's reduced architecture
 */
public record Builders<A>(BiFunction<Init, A, Network> full, BiFunction<Init, A, Network> reduced) {

    /** NAS-Bench-201: the benchmark network (C=16, 5 cells per stage) and the RA (input channels raIn, which the reduced dataset decides) of the given width. */
    public static Builders<Nb201Cell> nb201(int inChannels, int classes, int raIn, int raWidth, int raClasses) {
        return new Builders<>((init, c) -> new Nb201Network(init, c, inChannels, classes, 16, 5),
                (init, c) -> ReducedNetwork.nb201(init, c, raIn, raClasses, raWidth));
    }

    /** DARTS: the search-scale evaluation network (C=16, 8 cells) and the RA (input channels raIn, which the reduced dataset decides) of the given width. */
    public static Builders<Genotype> darts(int inChannels, int classes, int raIn, int raWidth, int raClasses) {
        return new Builders<>((init, g) -> new DartsNetwork(init, g, inChannels, classes, 16, 8, false),
                (init, g) -> ReducedNetwork.darts(init, g, raIn, raClasses, raWidth));
    }
}
