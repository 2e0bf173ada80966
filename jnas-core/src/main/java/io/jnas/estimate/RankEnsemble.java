package io.jnas.estimate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pool-dependent estimator: its value for an architecture is a {@link RankRule} over every architecture it has
 * scored so far (or been told of, on resume), this one included. The score's terms are the member columns' raw
 * values, so the value can be recomputed over any pool later (the estimate command does so over its whole sample).
 *
 * @param <A> architecture type
 */
public final class RankEnsemble<A> implements Estimator<A> {
    private final RankRule rule;
    private final Map<String, Estimator<A>> sources;
    private final Function<A, String> text;
    private final Map<String, Integer> seen = new HashMap<>();
    private final Map<String, List<Double>> pool = new LinkedHashMap<>();

    /**
     * @param rule how the members' ranks are combined
     * @param sources for each leaf column of the rule, the estimator whose value (column = its name) or term it is
     * @param text an architecture's canonical text (identifies it in the pool)
     */
    public RankEnsemble(RankRule rule, Map<String, Estimator<A>> sources, Function<A, String> text) {
        this.rule = rule;
        this.sources = Map.copyOf(sources);
        this.text = text;
        for (String c : rule.leaves()) {
            if (!sources.containsKey(c)) {
                throw new IllegalArgumentException(rule.name() + ": no estimator gives the column " + c);
            }
            pool.put(c, new ArrayList<>());
        }
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public RankRule pooled() {
        return rule;
    }

    @Override
    public boolean parallelSafe() {
        return sources.values().stream().allMatch(Estimator::parallelSafe);
    }

    @Override
    public Score estimate(A arch) {
        Map<String, Double> terms = new LinkedHashMap<>();
        Map<Estimator<A>, Score> once = new HashMap<>();
        double seconds = 0;
        for (Map.Entry<String, Estimator<A>> e : sources.entrySet()) {
            if (!once.containsKey(e.getValue())) {
                Score s = e.getValue().estimate(arch);
                once.put(e.getValue(), s);
                seconds += s.seconds();
            }
        }
        for (String c : rule.leaves()) {
            Estimator<A> src = sources.get(c);
            Score s = once.get(src);
            terms.put(c, c.equals(src.name()) ? s.value() : s.terms().getOrDefault(c, Double.NaN));
        }
        return new Score(add(text.apply(arch), terms), terms, seconds);
    }

    @Override
    public void replayed(A arch, Score score) {
        add(text.apply(arch), score.terms());
    }

    /** Adds (or finds) an architecture in the pool; returns its value over the pool as it now stands. */
    private synchronized double add(String key, Map<String, Double> terms) {
        Integer at = seen.get(key);
        if (at == null) {
            at = seen.size();
            seen.put(key, at);
            for (Map.Entry<String, List<Double>> c : pool.entrySet()) {
                c.getValue().add(terms.getOrDefault(c.getKey(), Double.NaN));
            }
        }
        Map<String, double[]> cols = new HashMap<>();
        pool.forEach((c, v) -> cols.put(c, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return rule.apply(cols)[at];
    }
}
