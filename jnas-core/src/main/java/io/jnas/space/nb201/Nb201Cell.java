package io.jnas.space.nb201;

import java.util.ArrayList;
import java.util.List;

/**
 * A NAS-Bench-201 cell: six edges in the order 0→1 | 0→2, 1→2 | 0→3, 1→3, 2→3.
 * Text form {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}.
 *
 * @param ops the operation of each edge, in edge order
 */
public record Nb201Cell(List<Nb201Op> ops) {
    /** Number of edges. */
    public static final int EDGES = 6;
    /** Source node of each edge. */
    public static final int[] FROM = {0, 0, 1, 0, 1, 2};
    /** Target node of each edge. */
    public static final int[] TO = {1, 2, 2, 3, 3, 3};

    public Nb201Cell {
        if (ops == null || ops.size() != EDGES) {
            throw new IllegalArgumentException("a NAS-Bench-201 cell has 6 edges, got "
                    + (ops == null ? "none" : ops.size()));
        }
        for (Nb201Op op : ops) {
            if (op == null) {
                throw new IllegalArgumentException("a NAS-Bench-201 edge operation is missing");
            }
        }
        ops = List.copyOf(ops);
    }

    public static Nb201Cell of(Nb201Op... ops) {
        return new Nb201Cell(List.of(ops));
    }

    public Nb201Op op(int edge) {
        return ops.get(edge);
    }

    /** Returns this cell with edge {@code edge} set to {@code op}. */
    public Nb201Cell with(int edge, Nb201Op op) {
        List<Nb201Op> copy = new ArrayList<>(ops);
        copy.set(edge, op);
        return new Nb201Cell(copy);
    }

    /** Number of edges holding {@code op}. */
    public int count(Nb201Op op) {
        return (int) ops.stream().filter(o -> o == op).count();
    }

    /** Parses {@code |op~0|+|op~0|op~1|+|op~0|op~1|op~2|}. */
    public static Nb201Cell parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty NAS-Bench-201 cell string; expected |op~0|+|op~0|op~1|+|op~0|op~1|op~2|");
        }
        String[] nodes = text.trim().split("\\+", -1);
        if (nodes.length != 3) {
            throw new IllegalArgumentException("NAS-Bench-201 cell '" + text + "' has " + nodes.length
                    + " node groups separated by '+', expected 3");
        }
        List<Nb201Op> ops = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            String group = nodes[node - 1];
            if (!group.startsWith("|") || !group.endsWith("|") || group.length() < 2) {
                throw new IllegalArgumentException("bad node group '" + group + "' in '" + text + "': expected |op~i|...|");
            }
            String[] edges = group.substring(1, group.length() - 1).split("\\|", -1);
            if (edges.length != node) {
                throw new IllegalArgumentException("node " + node + " in '" + text + "' has " + edges.length
                        + " inputs, expected " + node);
            }
            for (int i = 0; i < node; i++) {
                String[] parts = edges[i].split("~", -1);
                if (parts.length != 2 || !parts[1].equals(Integer.toString(i))) {
                    throw new IllegalArgumentException("bad edge token '" + edges[i] + "' in '" + text
                            + "': expected op~" + i);
                }
                ops.add(Nb201Op.parse(parts[0]));
            }
        }
        return new Nb201Cell(ops);
    }

    /** The canonical text form. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int e = 0;
        for (int node = 1; node <= 3; node++) {
            if (node > 1) {
                sb.append('+');
            }
            sb.append('|');
            for (int i = 0; i < node; i++) {
                sb.append(ops.get(e++).text()).append('~').append(i).append('|');
            }
        }
        return sb.toString();
    }
}
