package io.jnas.nn.kit;

import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.List;

/**
 * The OFA / OFAv2 MobileNetV3 subnets (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888) in NAT's text form. The
 * default space spans 32..224 px and widths 1.0 and 1.2 without OFAv2 genes; a search uses the space of its trained
 * super-network, and networks with inherited weights are extracted from it. A network built here from fresh
 * weights has no dense skips (they belong to a super-network, not to a subnet's text).
 */
public final class OfaKit implements SpaceKit<OfaSubnet> {
    private static final OfaSpace SPACE = new OfaSpace(OfaSpace.range(32, 224, 4), List.of(1.0, 1.2), false, false);

    @Override
    public String name() {
        return "ofa";
    }

    @Override
    public String description() {
        return "OFA / OFAv2 MobileNetV3 subnets {\"ks\":[..],\"e\":[..],\"d\":[..],\"r\":R,\"w\":W} (OFAv2: \"p\", \"nd\")";
    }

    @Override
    public SearchSpace<OfaSubnet> space() {
        return SPACE;
    }

    /** Any OFA or OFAv2 subnet (the default space's resolution, width and OFAv2 genes are not enforced). */
    @Override
    public OfaSubnet parse(String text) {
        return OfaSubnet.parse(text);
    }

    @Override
    public Shape defaultShape() {
        return new Shape(1, 1, false);
    }

    @Override
    public Network network(Init init, OfaSubnet s, int inChannels, int classes, Shape shape) {
        return OfaNetwork.of(init, new OfaNetwork.Spec(inChannels, classes, s.w(), !s.p().isEmpty(), false, s.nd() > 0, 0.1), s);
    }

    @Override
    public boolean hasReducedArchitecture() {
        return false;
    }

    @Override
    public Network reduced(Init init, OfaSubnet s, int inChannels, int classes, int width) {
        throw new UnsupportedOperationException("the OFA space has no MOTE reduced architecture; score it with training-free "
                + "estimators or on a trained super-network");
    }

    /** Analytic (convs and linear layers, as OFA counts) at the subnet's own resolution; {@code size} and shape are ignored. */
    @Override
    public Cost cost(OfaSubnet s, int inChannels, int classes, int size, Shape shape) {
        OfaCost c = OfaCost.of(s, inChannels, classes);
        return new Cost(c.params(), c.macs());
    }

    @Override
    public CostModel<OfaSubnet> costModel(int inChannels, int classes, int size) {
        return OfaCost.model(inChannels, classes);
    }
}
