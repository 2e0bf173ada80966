package io.jnas.nn.kit;

import io.jnas.nn.Cost;
import io.jnas.space.CostModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A kit's metered cost, remembered per architecture (metering builds the network once). */
final class MemoCost<A> implements CostModel<A> {
    private final SpaceKit<A> kit;
    private final int inChannels;
    private final int classes;
    private final int size;
    private final Map<A, Cost> known = new ConcurrentHashMap<>();

    MemoCost(SpaceKit<A> kit, int inChannels, int classes, int size) {
        this.kit = kit;
        this.inChannels = inChannels;
        this.classes = classes;
        this.size = size;
    }

    private Cost of(A arch) {
        return known.computeIfAbsent(arch, a -> kit.cost(a, inChannels, classes, size));
    }

    @Override
    public long params(A arch) {
        return of(arch).params();
    }

    @Override
    public long macs(A arch) {
        return of(arch).macs();
    }
}
