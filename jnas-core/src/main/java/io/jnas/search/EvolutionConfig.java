package io.jnas.search;

import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;

/**
 * MOTE-NAS's evolutionary search (see {@link MoteEvolution}).
 *
 * @param initial random architectures seeding the pool
 * @param iterations evolution iterations (reference 10)
 * @param parents fraction of the pool used as parents (reference code 0.01)
 * @param seed seed of every random choice
 */
public record EvolutionConfig(int initial, int iterations, double parents, long seed) implements StrategyConfig {
    public EvolutionConfig {
        if (initial < 1 || iterations < 0 || !(parents > 0 && parents <= 1)) {
            throw new IllegalArgumentException("evolution needs --initial >= 1, --iterations >= 0 and --parents in (0, 1], got "
                    + initial + ", " + iterations + ", " + parents);
        }
    }

    @Override
    public int budget() {
        int n = initial;
        for (int i = 1; i <= iterations; i++) {
            n += MoteEvolution.batchSize(i);
        }
        return n;
    }

    @Override
    public <A> Strategy<A> create(SearchSpace<A> space, CostModel<A> cost) {
        return new MoteEvolution<>(space, initial, iterations, parents, seed);
    }

    /** Declares the strategy "evolution". */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "evolution";
        }

        @Override
        public String description() {
            return "MOTE-NAS evolution: children at distance one from the best of the pool, growing batches";
        }

        @Override
        public Class<? extends StrategyConfig> configType() {
            return EvolutionConfig.class;
        }

        /** The command's evolution settings (search mote's --initial, --iterations), each overridable by name. */
        @Override
        public StrategyConfig config(StrategyOptions o) {
            o.allow(name(), "initial", "iterations", "parents");
            EvolutionConfig p = o.preset(EvolutionConfig.class).orElse(new EvolutionConfig(10, 10, 0.01, o.seed()));
            return new EvolutionConfig(o.integer("initial", p.initial()), o.integer("iterations", p.iterations()),
                    o.number("parents", p.parents()), o.seed());
        }
    }
}
