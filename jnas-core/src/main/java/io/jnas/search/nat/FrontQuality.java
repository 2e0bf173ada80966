package io.jnas.search.nat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Hypervolume;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.problem.AbstractProblem;

/**
 * How close a found front comes to a space's true front: both are scaled so that the true front spans [0, 1] in
 * every objective (its ideal point to its nadir point), and the found front's hypervolume (reference point: the
 * nadir, so a point counts only where it is at least as good as the true front's worst in every objective) is
 * divided by the true front's.
 */
public final class FrontQuality {
    private final double[] ideal;
    private final double[] nadir;
    private final double truth;

    /** @param all every architecture's objective values (minimised), from which the true front is taken */
    public FrontQuality(List<double[]> all) {
        List<double[]> front = nondominated(all);
        int m = front.get(0).length;
        ideal = new double[m];
        nadir = new double[m];
        Arrays.fill(ideal, Double.MAX_VALUE);
        Arrays.fill(nadir, -Double.MAX_VALUE);
        for (double[] p : front) {
            for (int k = 0; k < m; k++) {
                ideal[k] = Math.min(ideal[k], p[k]);
                nadir[k] = Math.max(nadir[k], p[k]);
            }
        }
        truth = hypervolume(front);
    }

    /** The hypervolume of {@code points} as a fraction of the true front's. */
    public double ratio(List<double[]> points) {
        return hypervolume(points) / truth;
    }

    /** The non-dominated points of {@code points} (duplicates once). */
    public static List<double[]> nondominated(List<double[]> points) {
        List<double[]> out = new ArrayList<>();
        for (double[] a : points) {
            boolean dominated = false;
            for (double[] b : points) {
                if (Front.dominates(b, a)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && out.stream().noneMatch(p -> Arrays.equals(p, a))) {
                out.add(a);
            }
        }
        return out;
    }

    private double hypervolume(List<double[]> points) {
        int m = ideal.length;
        AbstractProblem p = new AbstractProblem(0, m) {
            @Override
            public void evaluate(Solution solution) {
            }

            @Override
            public Solution newSolution() {
                return new Solution(0, m);
            }
        };
        NondominatedPopulation pop = new NondominatedPopulation();
        for (double[] x : points) {
            Solution s = new Solution(0, m);
            double[] o = new double[m];
            for (int k = 0; k < m; k++) {
                o[k] = (x[k] - ideal[k]) / Math.max(1e-12, nadir[k] - ideal[k]);
            }
            s.setObjectiveValues(o);
            pop.add(s);
        }
        double[] lo = new double[m];
        double[] hi = new double[m];
        Arrays.fill(hi, 1.0);
        return new Hypervolume(p, lo, hi).evaluate(pop);
    }
}
