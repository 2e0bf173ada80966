package io.jnas.nn.kit;

import io.jnas.nn.DartsNetwork;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.ReducedNetwork;
import io.jnas.nn.supernet.DartsSupernet;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.nn.supernet.Supernet;
import io.jnas.space.SearchSpace;
import io.jnas.space.darts.DartsSpace;
import io.jnas.space.darts.Genotype;
import java.util.Optional;

/**
 * The DARTS cell space (arXiv:1806.09055): a normal and a reduction cell of four nodes with two inputs each; the
 * evaluation network (default: the search scale, C = 16 and 8 cells; DARTS publishes C = 36, 20 cells); MOTE's
 * reduced architecture; the search supernet.
 */
public final class DartsKit implements SpaceKit<Genotype> {
    private static final DartsSpace SPACE = new DartsSpace();

    @Override
    public String name() {
        return "darts";
    }

    @Override
    public String description() {
        return "DARTS normal + reduction cells (Genotype(...) text, or DARTS_V2)";
    }

    @Override
    public SearchSpace<Genotype> space() {
        return SPACE;
    }

    /** Accepts the name DARTS_V2 for the published genotype besides the Genotype(...) text. */
    @Override
    public Genotype parse(String text) {
        return "DARTS_V2".equals(text) ? Genotype.DARTS_V2 : Genotype.parse(text);
    }

    @Override
    public Shape defaultShape() {
        return new Shape(16, 8, false);
    }

    @Override
    public Network network(Init init, Genotype g, int inChannels, int classes, Shape shape) {
        return new DartsNetwork(init, g, inChannels, classes, shape.channels(), shape.depth(), shape.auxiliary());
    }

    @Override
    public Network reduced(Init init, Genotype g, int inChannels, int classes, int width) {
        return ReducedNetwork.darts(init, g, inChannels, classes, width);
    }

    /** cpu (measured on 2 cores, docs/results.md): C = 8, 5 cells, 8 epochs on 2,000 images, about 13 min. */
    @Override
    public SearchPreset searchPreset(boolean paper) {
        return paper ? new SearchPreset(16, 8, 50, 64, 0, 3e-4) : new SearchPreset(8, 5, 8, 32, 2000, 3e-4);
    }

    @Override
    public void checkSupernet(int channels, int layers) {
        if (layers < 3) {
            throw new IllegalArgumentException("the DARTS space needs --layers >= 3 (two of them are reduction cells), got "
                    + layers);
        }
    }

    @Override
    public Optional<Supernet> supernet(Init init, int inChannels, int channels, int layers, SearchOptions options) {
        checkSupernet(channels, layers);
        return Optional.of(new DartsSupernet(init, inChannels, channels, layers, options));
    }
}
