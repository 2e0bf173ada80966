package io.jnas.search.nat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Non-dominated members and the high trade-off points of a front (all objectives minimised). */
public final class Front {
    private Front() {
    }

    /** The non-dominated members, each architecture once. */
    public static <A> List<Member<A>> nondominated(List<Member<A>> members, List<String> objectives) {
        List<Member<A>> out = new ArrayList<>();
        for (Member<A> a : members) {
            double[] oa = a.objectives(objectives);
            boolean dominated = false;
            for (Member<A> b : members) {
                if (a != b && dominates(b.objectives(objectives), oa)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && out.stream().noneMatch(m -> m.arch().equals(a.arch()))) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether {@code a} is no worse than {@code b} in every objective and better in one. */
    public static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    /**
     * High trade-off points of a front (NAT's output, in the manner of pymoo's decision making): objectives
     * normalised to [0, 1] over the front; for each point, the smallest ratio, over its neighbours (within
     * 0.125·√m, at least its two nearest), of what a move to the neighbour sacrifices to what it gains, i.e. even
     * the cheapest move away is costly at a knee; points whose ratio is at least the mean plus one standard
     * deviation (ours; always the largest) are flagged.
     */
    public static <A> boolean[] highTradeoff(List<Member<A>> front, List<String> objectives) {
        int n = front.size();
        boolean[] out = new boolean[n];
        if (n < 3) {
            return out;
        }
        double[][] f = normalisedOverFront(front, objectives);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = cheapestMove(f, i, objectives.size());
        }
        double mean = Arrays.stream(t).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(t).map(v -> (v - mean) * (v - mean)).average().orElse(0));
        int arg = 0;
        for (int i = 0; i < n; i++) {
            out[i] = t[i] >= mean + sd;
            arg = t[i] > t[arg] ? i : arg;
        }
        out[arg] = true;
        return out;
    }

    private static <A> double[][] normalisedOverFront(List<Member<A>> front, List<String> objectives) {
        int n = front.size();
        double[][] f = new double[n][];
        for (int i = 0; i < n; i++) {
            f[i] = front.get(i).objectives(objectives);
        }
        for (int k = 0; k < objectives.size(); k++) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double[] r : f) {
                lo = Math.min(lo, r[k]);
                hi = Math.max(hi, r[k]);
            }
            for (double[] r : f) {
                r[k] = hi > lo ? (r[k] - lo) / (hi - lo) : 0;
            }
        }
        return f;
    }

    /** The smallest sacrifice-to-gain ratio of a move from point i to one of its neighbours. */
    private static double cheapestMove(double[][] f, int i, int m) {
        int n = f.length;
        Integer[] order = new Integer[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble(j -> dist(f[i], f[j])));
        double best = Double.MAX_VALUE;
        for (int r = 1; r < n; r++) {
            int j = order[r];
            if (r > 2 && dist(f[i], f[j]) > 0.125 * Math.sqrt(m)) {
                break;
            }
            double sacrifice = 0;
            double gain = 0;
            for (int k = 0; k < m; k++) {
                sacrifice += Math.max(0, f[j][k] - f[i][k]);
                gain += Math.max(0, f[i][k] - f[j][k]);
            }
            best = Math.min(best, sacrifice / Math.max(gain, 1e-9));
        }
        return best;
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
