package io.jnas.space.nb201;

import io.jnas.space.EncodedSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The NAS-Bench-201 cell space: 5^6 = 15,625 cells. The integer code is one op index per
 * edge; {@link #ordinal} is the base-5 number of that code (the benchmark's own row order is a
 * property of its tables, see {@code estimate.Nb201Table}).
 */
public final class Nb201Space implements EncodedSpace<Nb201Cell> {
    /** Number of cells in the space. */
    public static final int SIZE = 15_625;
    private static final Nb201Op[] OPS = Nb201Op.values();

    @Override
    public String name() {
        return "nb201";
    }

    @Override
    public Nb201Cell parse(String text) {
        return Nb201Cell.parse(text);
    }

    @Override
    public String format(Nb201Cell arch) {
        return arch.toString();
    }

    @Override
    public Nb201Cell sample(SplittableRandom random) {
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = OPS[random.nextInt(OPS.length)];
        }
        return Nb201Cell.of(ops);
    }

    @Override
    public Nb201Cell mutate(Nb201Cell arch, SplittableRandom random) {
        int edge = random.nextInt(Nb201Cell.EDGES);
        int shift = 1 + random.nextInt(OPS.length - 1);
        return arch.with(edge, OPS[(arch.op(edge).ordinal() + shift) % OPS.length]);
    }

    @Override
    public List<Nb201Cell> neighbours(Nb201Cell arch) {
        List<Nb201Cell> out = new ArrayList<>();
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            for (Nb201Op op : OPS) {
                if (op != arch.op(e)) {
                    out.add(arch.with(e, op));
                }
            }
        }
        return out;
    }

    @Override
    public int[] encode(Nb201Cell arch) {
        int[] code = new int[Nb201Cell.EDGES];
        for (int i = 0; i < code.length; i++) {
            code[i] = arch.op(i).ordinal();
        }
        return code;
    }

    @Override
    public Nb201Cell decode(int[] code) {
        if (code.length != Nb201Cell.EDGES) {
            throw new IllegalArgumentException("a NAS-Bench-201 code has 6 genes, got " + code.length);
        }
        Nb201Op[] ops = new Nb201Op[code.length];
        for (int i = 0; i < code.length; i++) {
            if (code[i] < 0 || code[i] >= OPS.length) {
                throw new IllegalArgumentException("gene " + i + " = " + code[i] + " is out of range 0..4");
            }
            ops[i] = OPS[code[i]];
        }
        return Nb201Cell.of(ops);
    }

    @Override
    public int genes() {
        return Nb201Cell.EDGES;
    }

    @Override
    public int upper(int g) {
        return OPS.length - 1;
    }

    /**
     * One-hot operation per edge plus the count of each operation in the cell: the operations are categories, not
     * ordinals (measured: a random forest trained on 100 cells ranks held-out cells better with these than with the
     * code, Kendall τ 0.56 vs 0.43 among cells under 20 % error).
     */
    @Override
    public double[] features(Nb201Cell cell) {
        double[] f = new double[Nb201Cell.EDGES * OPS.length + OPS.length];
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            int op = cell.op(e).ordinal();
            f[e * OPS.length + op] = 1;
            f[Nb201Cell.EDGES * OPS.length + op] += 1;
        }
        return f;
    }

    /** GRAF's graph features of the cell ({@link Nb201Features}). */
    @Override
    public double[] graph(Nb201Cell cell) {
        return Nb201Features.of(cell);
    }

    /** Every edge 'none' (no parameters beyond the fixed skeleton). */
    @Override
    public Nb201Cell smallest() {
        return Nb201Cell.of(Nb201Op.NONE, Nb201Op.NONE, Nb201Op.NONE, Nb201Op.NONE, Nb201Op.NONE, Nb201Op.NONE);
    }

    /** Every edge a 3×3 convolution. */
    @Override
    public Nb201Cell largest() {
        Nb201Op c = Nb201Op.NOR_CONV_3X3;
        return Nb201Cell.of(c, c, c, c, c, c);
    }

    /** The cell as a graph of its nodes, edges labelled with their operation ('none' edges omitted). */
    @Override
    public Map<String, String> diagrams(Nb201Cell cell) {
        StringBuilder sb = new StringBuilder("digraph cell {\n  rankdir=LR;\n  node [shape=circle];\n");
        for (int e = 0; e < Nb201Cell.EDGES; e++) {
            if (cell.op(e) == Nb201Op.NONE) {
                continue;
            }
            sb.append("  ").append(Nb201Cell.FROM[e]).append(" -> ").append(Nb201Cell.TO[e]).append(" [label=\"")
                    .append(cell.op(e).text()).append("\"];\n");
        }
        return Map.of("cell", sb.append("}\n").toString());
    }

    /** Base-5 number of the cell's code, 0..15624 (edge 0 least significant). */
    public int ordinal(Nb201Cell arch) {
        int n = 0;
        for (int i = Nb201Cell.EDGES - 1; i >= 0; i--) {
            n = n * OPS.length + arch.op(i).ordinal();
        }
        return n;
    }

    /** Inverse of {@link #ordinal}. */
    public Nb201Cell fromOrdinal(int n) {
        if (n < 0 || n >= SIZE) {
            throw new IllegalArgumentException("NAS-Bench-201 ordinal " + n + " is out of range 0.." + (SIZE - 1));
        }
        int[] code = new int[Nb201Cell.EDGES];
        for (int i = 0; i < code.length; i++) {
            code[i] = n % OPS.length;
            n /= OPS.length;
        }
        return decode(code);
    }

    /** Every cell, in ordinal order. */
    public List<Nb201Cell> enumerate() {
        List<Nb201Cell> all = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            all.add(fromOrdinal(i));
        }
        return all;
    }
}
