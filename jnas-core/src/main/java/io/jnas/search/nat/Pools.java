package io.jnas.search.nat;

import io.jnas.search.Strategy;
import io.jnas.space.EncodedSpace;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Where the NAT loop draws from when its search has a pool of candidates (only they have the extra features). */
final class Pools {
    private Pools() {
    }

    /** One architecture drawn at random: from the pool when there is one, else from the space. */
    static <A> A draw(EncodedSpace<A> space, Strategy.Candidates<A> c, SplittableRandom r) {
        return c.pooled() ? c.pool().get(r.nextInt(c.pool().size())) : space.sample(r);
    }

    /**
     * The space's cheapest (or most expensive) architecture; with a pool, the pool's, by the sum of the normalised cheap
     * objectives (feasible ones first).
     */
    static <A> A extreme(EncodedSpace<A> space, Strategy.Candidates<A> c, Objectives<A> objectives, List<String> names,
            boolean largest) {
        if (!c.pooled()) {
            return largest ? space.largest() : space.smallest();
        }
        List<String> cheap = names.subList(1, names.size());
        Comparator<A> bySize = Comparator.comparingDouble(a -> Arrays.stream(objectives.normalised(objectives.member(a, 0, 0),
                cheap)).sum());
        List<A> feasible = c.pool().stream().filter(objectives::feasible).toList();
        List<A> from = feasible.isEmpty() ? c.pool() : feasible;
        return largest ? from.stream().max(bySize).orElseThrow() : from.stream().min(bySize).orElseThrow();
    }
}
