package io.jnas.search;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import io.jnas.space.CostModel;
import io.jnas.space.SearchSpace;

/**
 * The settings of one search strategy, a record stored in config.yaml under the strategy's name
 * ({@code {name: evolution, initial: 10, ...}}); it builds the strategy. Strategies are found by that name in
 * {@link Strategies}, so a new one is a record implementing this interface plus a {@link StrategyProvider}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "name")
@JsonTypeIdResolver(Strategies.TypeIds.class)
public interface StrategyConfig {

    /** How many architectures a full run scores (for progress and budgets). */
    int budget();

    /** The seed of every random choice of the strategy. */
    long seed();

    /**
     * Builds the strategy over {@code space}; {@code cost} gives the cheap objectives (params, MACs) of an architecture
     * to strategies that use them.
     */
    <A> Strategy<A> create(SearchSpace<A> space, CostModel<A> cost);

    /**
     * Epochs of training this strategy asks of a weight-sharing evaluator between rounds (NAT's super-network
     * adaptation, given to {@link Strategy.Hooks#adapter()}); 0, the default, for none.
     */
    default int adaptEpochs() {
        return 0;
    }

    /** What result.json says of the strategy beside its name (e.g. NAT's policy); nothing by default. */
    default java.util.Map<String, Object> summary() {
        return java.util.Map.of();
    }
}
