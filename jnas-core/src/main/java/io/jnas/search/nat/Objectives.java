package io.jnas.search.nat;

import io.jnas.space.CostModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Hypervolume;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.core.population.NondominatedSortingPopulation;
import org.moeaframework.core.population.ReferencePointNondominatedSortingPopulation;
import org.moeaframework.problem.AbstractProblem;
import org.moeaframework.util.weights.NormalBoundaryDivisions;

/**
 * The objectives of the NAT loop on a space: error, params, MACs, latency, normalised to about [0, 1] (error / 100;
 * params, MACs and latency between the space's smallest and largest architecture), NSGA-III truncation, and the hypervolume of an
 * archive. MOEA Framework draws from its global {@link PRNG}; it is re-seeded before every use.
 *
 * @param <A> architecture type
 */
final class Objectives<A> {
    private final List<String> names;
    private final CostModel<A> cost;
    private final double[] low;
    private final double[] high;

    Objectives(List<String> names, CostModel<A> cost, A smallest, A largest) {
        this.names = List.copyOf(names);
        this.cost = cost;
        boolean lat = names.contains("latency");
        this.low = new double[] {cost.params(smallest), cost.macs(smallest), lat ? cost.latencyMs(smallest) : 0};
        this.high = new double[] {cost.params(largest), cost.macs(largest), lat ? cost.latencyMs(largest) : 1};
    }

    /** Whether {@code arch} meets the search's constraints. */
    boolean feasible(A arch) {
        return cost.feasible(arch);
    }

    List<String> names() {
        return names;
    }

    /** A member for {@code arch} with the given error, its cost from the cost model. */
    Member<A> member(A arch, double error, int iteration) {
        return new Member<>(arch, error, cost.params(arch), cost.macs(arch), iteration,
                names.contains("latency") ? cost.latencyMs(arch) : Double.NaN);
    }

    /** The objectives {@code which} of {@code m}, normalised. */
    double[] normalised(Member<A> m, List<String> which) {
        double[] o = m.objectives(which);
        for (int i = 0; i < o.length; i++) {
            o[i] = switch (which.get(i)) {
                case "error" -> o[i] / 100.0;
                case "params" -> (o[i] - low[0]) / Math.max(1.0, high[0] - low[0]);
                case "macs" -> (o[i] - low[1]) / Math.max(1.0, high[1] - low[1]);
                case "latency" -> (o[i] - low[2]) / Math.max(1e-9, high[2] - low[2]);
                default -> throw new IllegalArgumentException("unknown objective " + which.get(i));
            };
        }
        return o;
    }

    /** Keeps {@code n} members by non-dominated sorting with reference directions (crowding for ≤ 2 objectives). */
    List<Member<A>> truncate(List<Member<A>> members, List<String> which, int n, long seed) {
        if (members.size() <= n) {
            return members;
        }
        PRNG.setSeed(seed);
        Map<Solution, Member<A>> back = new IdentityHashMap<>();
        List<Solution> sols = new ArrayList<>();
        for (Member<A> m : members) {
            Solution s = new Solution(0, which.size());
            s.setObjectiveValues(normalised(m, which));
            back.put(s, m);
            sols.add(s);
        }
        NondominatedSortingPopulation pop = which.size() >= 3
                ? new ReferencePointNondominatedSortingPopulation(which.size(), new NormalBoundaryDivisions(12), sols)
                : new NondominatedSortingPopulation(sols);
        pop.truncate(n);
        List<Member<A>> out = new ArrayList<>();
        for (Solution s : pop) {
            out.add(back.get(s));
        }
        return out;
    }

    /** Hypervolume of the archive's non-dominated set, normalised objectives clipped to [0, 1], reference point 1. */
    double hypervolume(List<Member<A>> archive) {
        int k = names.size();
        AbstractProblem p = new AbstractProblem(0, k) {
            @Override
            public void evaluate(Solution solution) {
            }

            @Override
            public Solution newSolution() {
                return new Solution(0, k);
            }
        };
        NondominatedPopulation front = new NondominatedPopulation();
        for (Member<A> m : archive) {
            Solution s = new Solution(0, k);
            double[] o = normalised(m, names);
            for (int i = 0; i < o.length; i++) {
                o[i] = Math.min(1, Math.max(0, o[i]));
            }
            s.setObjectiveValues(o);
            front.add(s);
        }
        double[] hi = new double[k];
        Arrays.fill(hi, 1.0);
        return new Hypervolume(p, new double[k], hi).evaluate(front);
    }
}
