package io.jnas.space.nb201;

import java.util.ArrayList;
import java.util.List;

/**
 * Structural features of a NAS-Bench-201 cell for a learned ranker, after the graph features of GRAF (Kadlecová et
 * al., 2024): how many of each operation, which operation on each edge, and for groups of operations the number of
 * input-to-output paths made of that group only and the shortest of them. The cell has four such paths (edges 3;
 * 0-4; 1-5; 0-2-5).
 */
public final class Nb201Features {
    /** The edges of each input-to-output path. */
    private static final int[][] PATHS = {{3}, {0, 4}, {1, 5}, {0, 2, 5}};
    private static final Nb201Op[] OPS = Nb201Op.values();
    /** Operation groups whose paths are counted: convolutions, each op but none, and anything but none. */
    private static final List<List<Nb201Op>> GROUPS = List.of(
            List.of(Nb201Op.NOR_CONV_1X1, Nb201Op.NOR_CONV_3X3), List.of(Nb201Op.NOR_CONV_3X3), List.of(Nb201Op.NOR_CONV_1X1),
            List.of(Nb201Op.SKIP_CONNECT), List.of(Nb201Op.AVG_POOL_3X3),
            List.of(Nb201Op.SKIP_CONNECT, Nb201Op.NOR_CONV_1X1, Nb201Op.NOR_CONV_3X3, Nb201Op.AVG_POOL_3X3));

    private Nb201Features() {
    }

    /** The features' names, in the order of {@link #of}. */
    public static List<String> names() {
        List<String> n = new ArrayList<>();
        for (Nb201Op op : OPS) {
            n.add("count_" + op.text());
        }
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            for (Nb201Op op : OPS) {
                n.add("edge" + e + "_" + op.text());
            }
        }
        for (int g = 0; g < GROUPS.size(); g++) {
            n.add("paths_group" + g);
            n.add("shortest_group" + g);
        }
        n.add("convs_on_longest_path");
        return n;
    }

    /** The features of {@code cell}. */
    public static double[] of(Nb201Cell cell) {
        double[] f = new double[names().size()];
        int k = 0;
        for (Nb201Op op : OPS) {
            f[k++] = cell.count(op);
        }
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            for (Nb201Op op : OPS) {
                f[k++] = cell.op(e) == op ? 1 : 0;
            }
        }
        for (List<Nb201Op> group : GROUPS) {
            int paths = 0;
            int shortest = 0; // 0: no such path
            for (int[] p : PATHS) {
                boolean all = true;
                for (int e : p) {
                    all &= group.contains(cell.op(e));
                }
                if (all) {
                    paths++;
                    shortest = shortest == 0 ? p.length : Math.min(shortest, p.length);
                }
            }
            f[k++] = paths;
            f[k++] = shortest;
        }
        int convs = 0;
        for (int[] p : PATHS) {
            int c = 0;
            boolean open = true;
            for (int e : p) {
                open &= cell.op(e) != Nb201Op.NONE;
                c += cell.op(e) == Nb201Op.NOR_CONV_1X1 || cell.op(e) == Nb201Op.NOR_CONV_3X3 ? 1 : 0;
            }
            convs = open ? Math.max(convs, c) : convs;
        }
        f[k] = convs;
        return f;
    }
}
