package io.jnas.search;

/**
 * Declares a strategy to {@link Strategies}: its name, its settings record and the settings it takes for a budget.
 * Built-ins: random, evolution, nat; more through {@code META-INF/services/io.jnas.search.StrategyProvider}.
 */
public interface StrategyProvider {

    /** The name on the command line and in config.yaml. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The settings record of this strategy. */
    Class<? extends StrategyConfig> configType();

    /**
     * This strategy's settings from what the command knows and the user's named options; IllegalArgumentException
     * naming a bad or unknown option.
     */
    StrategyConfig config(StrategyOptions options);
}
