package io.jnas.search;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a command knows when it builds a strategy's settings ({@link StrategyProvider#config}): the budget and seed of
 * the search, the settings records the command built for its own strategies (search mote builds an
 * {@link EvolutionConfig}, search nat a {@code NatConfig}), and named options ({@code --strategy-option KEY=VALUE})
 * for a strategy's own parameters.
 *
 * @param budget architectures the search scores
 * @param seed the seed of every random choice
 * @param presets the command's own settings records, found by type
 * @param options named options, as text
 */
public record StrategyOptions(int budget, long seed, List<StrategyConfig> presets, Map<String, String> options) {
    public StrategyOptions {
        presets = List.copyOf(presets);
        options = Map.copyOf(options);
    }

    /** The command's settings record of type {@code type}, if it built one. */
    public <C extends StrategyConfig> Optional<C> preset(Class<C> type) {
        return presets.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** Refuses options other than {@code known}, naming the strategy and the options it takes. */
    public StrategyOptions allow(String strategy, String... known) {
        Set<String> bad = new TreeSet<>(options.keySet());
        bad.removeAll(Set.of(known));
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("strategy " + strategy + " has no option " + bad + " (--strategy-option); it takes "
                    + (known.length == 0 ? "none" : String.join(", ", known)));
        }
        return this;
    }

    /** The integer option {@code name}, or {@code otherwise} when it is not given. */
    public int integer(String name, int otherwise) {
        String v = options.get(name);
        try {
            return v == null ? otherwise : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--strategy-option " + name + "=" + v + " is not an integer");
        }
    }

    /** The number option {@code name}, or {@code otherwise} when it is not given. */
    public double number(String name, double otherwise) {
        String v = options.get(name);
        try {
            return v == null ? otherwise : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--strategy-option " + name + "=" + v + " is not a number");
        }
    }
}
