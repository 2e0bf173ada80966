package io.jnas.estimate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a pool-dependent estimator's value is made: the ranks of some score columns (and of nested aggregates) over
 * the architectures of a pool, aggregated by a {@link Ranks.Rule}. The value of one architecture therefore changes as
 * the pool grows; it is final only over a final pool.
 *
 * @param name the estimator whose value this is
 * @param rule how ranks are combined
 * @param columns score columns ranked directly (an estimator's value or a named term)
 * @param nested aggregates ranked as one member each
 */
public record RankRule(String name, Ranks.Rule rule, List<String> columns, List<RankRule> nested) {
    public RankRule {
        columns = List.copyOf(columns);
        nested = List.copyOf(nested);
        if (columns.isEmpty() && nested.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one member");
        }
    }

    /** Every score column the value depends on. */
    public Set<String> leaves() {
        Set<String> s = new LinkedHashSet<>(columns);
        nested.forEach(r -> s.addAll(r.leaves()));
        return s;
    }

    /** The value of every architecture of a pool, from the pool's {@link #leaves()} columns (same length each). */
    public double[] apply(Map<String, double[]> leaves) {
        List<double[]> members = new ArrayList<>();
        for (String c : columns) {
            double[] v = leaves.get(c);
            if (v == null) {
                throw new IllegalArgumentException(name + " needs the column " + c);
            }
            members.add(v);
        }
        for (RankRule r : nested) {
            members.add(r.apply(leaves));
        }
        return Ranks.aggregate(members, rule);
    }

    /** The members as written on the command line: columns, then nested aggregates by name. */
    public List<String> members() {
        List<String> m = new ArrayList<>(columns);
        nested.forEach(r -> m.add(r.name()));
        return m;
    }
}
