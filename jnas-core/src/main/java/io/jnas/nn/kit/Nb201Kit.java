package io.jnas.nn.kit;

import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.Nb201Network;
import io.jnas.nn.Network;
import io.jnas.nn.ReducedNetwork;
import io.jnas.nn.supernet.Nb201Supernet;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.nn.supernet.Supernet;
import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Op;
import io.jnas.space.nb201.Nb201Space;
import java.util.Optional;

/**
 * NAS-Bench-201 (arXiv:2001.00326): 15,625 cells of six edges; the benchmark network (stem C = 16, five cells per
 * stage, two residual reductions); MOTE's reduced architecture; the MAE-NAS / DARTS search supernet.
 */
public final class Nb201Kit implements SpaceKit<Nb201Cell> {
    private static final Nb201Space SPACE = new Nb201Space();

    @Override
    public String name() {
        return "nb201";
    }

    @Override
    public String description() {
        return "NAS-Bench-201 cells (15,625; ops none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3)";
    }

    @Override
    public SearchSpace<Nb201Cell> space() {
        return SPACE;
    }

    @Override
    public Shape defaultShape() {
        return new Shape(16, 5, false);
    }

    @Override
    public Network network(Init init, Nb201Cell cell, int inChannels, int classes, Shape shape) {
        return new Nb201Network(init, cell, inChannels, classes, shape.channels(), shape.depth());
    }

    @Override
    public Network reduced(Init init, Nb201Cell cell, int inChannels, int classes, int width) {
        return ReducedNetwork.nb201(init, cell, inChannels, classes, width);
    }

    /**
     * Analytic: every edge's operation adds its own parameters and MACs, so a cell costs the all-'none' cell plus,
     * per edge, what its operation adds there; 25 networks are metered once per input.
     */
    @Override
    public CostModel<Nb201Cell> costModel(int inChannels, int classes, int size) {
        Nb201Cell none = SPACE.smallest();
        Cost base = cost(none, inChannels, classes, size);
        Nb201Op[] ops = Nb201Op.values();
        long[][] params = new long[Nb201Cell.EDGES][ops.length];
        long[][] macs = new long[Nb201Cell.EDGES][ops.length];
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            for (Nb201Op op : ops) {
                if (op != Nb201Op.NONE) {
                    Cost c = cost(none.with(e, op), inChannels, classes, size);
                    params[e][op.ordinal()] = c.params() - base.params();
                    macs[e][op.ordinal()] = c.macs() - base.macs();
                }
            }
        }
        return new CostModel<>() {
            @Override
            public long params(Nb201Cell cell) {
                long p = base.params();
                for (int e = 0; e < Nb201Cell.EDGES; e++) {
                    p += params[e][cell.op(e).ordinal()];
                }
                return p;
            }

            @Override
            public long macs(Nb201Cell cell) {
                long p = base.macs();
                for (int e = 0; e < Nb201Cell.EDGES; e++) {
                    p += macs[e][cell.op(e).ordinal()];
                }
                return p;
            }
        };
    }

    /** cpu (measured on 2 cores, docs/results.md): C = 8, one cell per stage, 15 epochs on 4,000 images, about 4 min. */
    @Override
    public SearchPreset searchPreset(boolean paper) {
        // cpu: α lr 1e-2, not DARTS's 3e-4, which leaves α within a few thousandths of uniform in 15 short epochs
        // (docs/results.md, "α learning rate and decision margins")
        return paper ? new SearchPreset(16, 5, 50, 64, 0, 3e-4) : new SearchPreset(8, 1, 15, 32, 4000, 1e-2);
    }

    @Override
    public void checkSupernet(int channels, int layers) {
        // any width and depth
    }

    @Override
    public Optional<Supernet> supernet(Init init, int inChannels, int channels, int layers, SearchOptions options) {
        return Optional.of(new Nb201Supernet(init, inChannels, channels, layers, options));
    }
}
