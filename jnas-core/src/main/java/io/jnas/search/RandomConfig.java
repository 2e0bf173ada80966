package io.jnas.search;

import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;

/**
 * Random search: {@code budget} distinct architectures drawn uniformly.
 *
 * @param budget architectures to score
 * @param seed seed of the draws
 */
public record RandomConfig(int budget, long seed) implements StrategyConfig {
    public RandomConfig {
        if (budget < 1) {
            throw new IllegalArgumentException("a random search needs a budget >= 1, got " + budget);
        }
    }

    @Override
    public <A> Strategy<A> create(SearchSpace<A> space, CostModel<A> cost) {
        return new RandomSearch<>(space, budget, seed);
    }

    /** Declares the strategy "random". */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public String description() {
            return "uniform random sampling without repeats (the baseline every strategy must beat)";
        }

        @Override
        public Class<? extends StrategyConfig> configType() {
            return RandomConfig.class;
        }

        @Override
        public StrategyConfig config(StrategyOptions o) {
            o.allow(name());
            return new RandomConfig(o.budget(), o.seed());
        }
    }
}
