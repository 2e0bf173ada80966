package io.jnas.nn.kit;

import ai.djl.ndarray.NDManager;
import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.nn.supernet.Supernet;
import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;
import java.util.Optional;

/**
 * Everything jnas knows about one search space, found by name in {@link SpaceKits}: the space itself, the network
 * of an architecture, MOTE's reduced architecture, the cost of an architecture, and the weight-sharing supernet of
 * a differentiable search where the space has one. Strategies and estimators reach a space only through its kit,
 * so a new space (a kit declared as a {@link java.util.ServiceLoader} provider) needs no change in either.
 *
 * @param <A> the architecture record type
 */
public interface SpaceKit<A> {

    /** The name used on the command line, e.g. {@code nb201}. */
    String name();

    /** One line for {@code --help} and error messages. */
    String description();

    /** The space searched by default. */
    SearchSpace<A> space();

    /** Parses an architecture's text form (what {@code jnas cost} and {@code jnas train} accept). */
    default A parse(String text) {
        return space().parse(text);
    }

    /** The network's width and depth when none is given (the benchmark's). */
    Shape defaultShape();

    /**
     * The network of {@code arch} with fresh weights: input (N, inChannels, H, W), logits (N, classes).
     *
     * @param shape base width and depth in the space's own terms (see {@link Shape})
     */
    Network network(Init init, A arch, int inChannels, int classes, Shape shape);

    /**
     * MOTE's reduced architecture of {@code arch}: the cell at width {@code width}, one per stage.
     *
     * @throws UnsupportedOperationException for a space without one
     */
    Network reduced(Init init, A arch, int inChannels, int classes, int width);

    /** Whether {@link #reduced} builds MOTE's reduced architecture for this space. */
    default boolean hasReducedArchitecture() {
        return true;
    }

    /** Parameters and MACs of {@code arch}'s network with the default shape, for {@code size}×{@code size} images. */
    default Cost cost(A arch, int inChannels, int classes, int size) {
        return cost(arch, inChannels, classes, size, defaultShape());
    }

    /**
     * Parameters and MACs of {@code arch}'s network of the given shape for one {@code size}×{@code size} image,
     * metered in one inference pass (training-only parts such as an auxiliary head excluded).
     */
    default Cost cost(A arch, int inChannels, int classes, int size, Shape shape) {
        try (NDManager m = NDManager.newBaseManager()) {
            return Cost.of(network(new Init(m, 0), arch, inChannels, classes, shape), m, inChannels, size, size);
        }
    }

    /** The cost as a search objective (memoised or analytic). */
    default CostModel<A> costModel(int inChannels, int classes, int size) {
        return new MemoCost<>(this, inChannels, classes, size);
    }

    /** Checks a differentiable search's supernet settings before anything is built (bad ones: IllegalArgumentException). */
    default void checkSupernet(int channels, int layers) {
        throw new IllegalArgumentException("space '" + name() + "' has no supernet for a differentiable search");
    }

    /** The supernet size and budget of a differentiable search: cpu (minutes on 2 cores) or paper. */
    default SearchPreset searchPreset(boolean paper) {
        return paper ? new SearchPreset(16, 8, 50, 64, 0, 3e-4) : new SearchPreset(8, 5, 8, 32, 2000, 3e-4);
    }

    /**
     * Defaults of a differentiable search over a space.
     *
     * @param channels supernet width C
     * @param layers supernet depth (the space's own terms)
     * @param epochs search epochs
     * @param batch batch of both steps
     * @param images training images searched on (0 = all)
     * @param alphaLr α Adam learning rate
     */
    record SearchPreset(int channels, int layers, int epochs, int batch, int images, double alphaLr) {
    }

    /** The supernet of a differentiable search over this space, if it has one. */
    default Optional<Supernet> supernet(Init init, int inChannels, int channels, int layers, SearchOptions options) {
        return Optional.empty();
    }

    /**
     * Width and depth of a space's network, in its own terms.
     *
     * @param channels base width (NAS-Bench-201 stem C, DARTS initial C, CNN first-stage width)
     * @param depth NAS-Bench-201 cells per stage, DARTS cells, CNN stages
     * @param auxiliary DARTS auxiliary head (training only)
     */
    record Shape(int channels, int depth, boolean auxiliary) {
        public Shape {
            if (channels < 1 || depth < 1) {
                throw new IllegalArgumentException("network width and depth must be >= 1, got " + channels + ", " + depth);
            }
        }
    }
}
