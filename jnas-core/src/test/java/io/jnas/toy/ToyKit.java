package io.jnas.toy;

import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;

/**
 * The toy space's kit, declared in src/test/resources/META-INF/services/io.jnas.nn.kit.SpaceKit: what a new space
 * adds to be found by name (here without networks: it is scored by the toy estimator only).
 */
public final class ToyKit implements SpaceKit<ToySpace.Arch> {
    private static final ToySpace SPACE = new ToySpace();

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public String description() {
        return "five genes of 0..4 (test code)";
    }

    @Override
    public SearchSpace<ToySpace.Arch> space() {
        return SPACE;
    }

    @Override
    public Shape defaultShape() {
        return new Shape(1, 1, false);
    }

    @Override
    public Network network(Init init, ToySpace.Arch arch, int inChannels, int classes, Shape shape) {
        throw new UnsupportedOperationException("the toy space has no networks");
    }

    @Override
    public boolean hasReducedArchitecture() {
        return false;
    }

    @Override
    public Network reduced(Init init, ToySpace.Arch arch, int inChannels, int classes, int width) {
        throw new UnsupportedOperationException("the toy space has no networks");
    }

    @Override
    public Cost cost(ToySpace.Arch arch, int inChannels, int classes, int size, Shape shape) {
        return new Cost(ToySpace.params(arch), ToySpace.macs(arch));
    }

    @Override
    public CostModel<ToySpace.Arch> costModel(int inChannels, int classes, int size) {
        return new CostModel<>() {
            @Override
            public long params(ToySpace.Arch a) {
                return ToySpace.params(a);
            }

            @Override
            public long macs(ToySpace.Arch a) {
                return ToySpace.macs(a);
            }
        };
    }
}
