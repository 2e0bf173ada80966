package io.jnas.ui;

import java.util.ArrayList;
import java.util.List;

/** Non-dominated points, every objective minimised. */
final class Pareto {
    private Pareto() {
    }

    static List<double[]> front(List<double[]> pts) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : pts) {
            boolean dominated = false;
            for (double[] q : pts) {
                if (q != p && dominates(q, p)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }
}
