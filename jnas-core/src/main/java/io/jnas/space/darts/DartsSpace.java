package io.jnas.space.darts;

import io.jnas.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The DARTS cell space: for each cell type, each intermediate node picks two distinct earlier
 * states and a non-{@code none} operation for each. Concatenation is always nodes 2..5.
 *
 * <p>Integer code: 32 genes, for the normal then the reduction cell, per pair (input, op index
 * 1..7).
 */
public final class DartsSpace implements SearchSpace<Genotype> {
    private static final List<Integer> CONCAT = List.of(2, 3, 4, 5);
    private static final DartsOp[] OPS = DartsOp.values();

    @Override
    public String name() {
        return "darts";
    }

    @Override
    public Genotype parse(String text) {
        return Genotype.parse(text);
    }

    @Override
    public String format(Genotype arch) {
        return arch.toString();
    }

    @Override
    public Genotype sample(SplittableRandom random) {
        return new Genotype(sampleCell(random), CONCAT, sampleCell(random), CONCAT);
    }

    private static List<Genotype.Edge> sampleCell(SplittableRandom random) {
        List<Genotype.Edge> edges = new ArrayList<>();
        for (int node = 2; node < 2 + Genotype.NODES; node++) {
            int a = random.nextInt(node);
            int b = random.nextInt(node - 1);
            if (b >= a) {
                b++;
            }
            edges.add(new Genotype.Edge(OPS[1 + random.nextInt(OPS.length - 1)], Math.min(a, b)));
            edges.add(new Genotype.Edge(OPS[1 + random.nextInt(OPS.length - 1)], Math.max(a, b)));
        }
        return edges;
    }

    @Override
    public Genotype mutate(Genotype arch, SplittableRandom random) {
        List<Genotype> n = neighbours(arch);
        return n.get(random.nextInt(n.size()));
    }

    /** Neighbours: one edge's operation changed, or one edge's input changed (inputs stay distinct). */
    @Override
    public List<Genotype> neighbours(Genotype arch) {
        List<Genotype> out = new ArrayList<>();
        for (int cell = 0; cell < 2; cell++) {
            List<Genotype.Edge> edges = cell == 0 ? arch.normal() : arch.reduce();
            for (int i = 0; i < edges.size(); i++) {
                Genotype.Edge e = edges.get(i);
                int partner = edges.get(i ^ 1).input();
                for (int o = 1; o < OPS.length; o++) {
                    if (OPS[o] != e.op()) {
                        out.add(replace(arch, cell, i, new Genotype.Edge(OPS[o], e.input())));
                    }
                }
                for (int in = 0; in < i / 2 + 2; in++) {
                    if (in != e.input() && in != partner) {
                        out.add(replace(arch, cell, i, new Genotype.Edge(e.op(), in)));
                    }
                }
            }
        }
        return out;
    }

    private static Genotype replace(Genotype g, int cell, int index, Genotype.Edge edge) {
        List<Genotype.Edge> n = new ArrayList<>(g.normal());
        List<Genotype.Edge> r = new ArrayList<>(g.reduce());
        (cell == 0 ? n : r).set(index, edge);
        return new Genotype(n, g.normalConcat(), r, g.reduceConcat());
    }

    @Override
    public int[] encode(Genotype arch) {
        int[] code = new int[32];
        int k = 0;
        for (List<Genotype.Edge> edges : List.of(arch.normal(), arch.reduce())) {
            for (Genotype.Edge e : edges) {
                code[k++] = e.input();
                code[k++] = e.op().ordinal();
            }
        }
        return code;
    }

    @Override
    public Genotype decode(int[] code) {
        if (code.length != 32) {
            throw new IllegalArgumentException("a DARTS code has 32 genes, got " + code.length);
        }
        List<List<Genotype.Edge>> cells = new ArrayList<>();
        int k = 0;
        for (int c = 0; c < 2; c++) {
            List<Genotype.Edge> edges = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int in = code[k++];
                int op = code[k++];
                if (op < 1 || op >= OPS.length) {
                    throw new IllegalArgumentException("gene " + (k - 1) + " = " + op + " is not an operation index 1..7");
                }
                edges.add(new Genotype.Edge(OPS[op], in));
            }
            cells.add(edges);
        }
        return new Genotype(cells.get(0), CONCAT, cells.get(1), CONCAT);
    }

    /**
     * How often each of the seven operations occurs in the normal cell, in the reduction cell on an edge that reads one of
     * the cell's two inputs, and in the reduction cell on an edge that reads an intermediate node (21 counts). Every
     * normal cell of a network repeats the one genotype (as every reduction cell does), and an edge costs what its
     * operation does on the cell's channels and stride: in a reduction cell the edges from the inputs have stride 2
     * (a skip there is a factorized reduction, a pool or convolution reads the full-size map), the others stride 1 on
     * the halved map. Counting the reduction cell's operations without that split left the model's rank correlation
     * at 0.91-0.92 on 100 fresh genotypes on an Intel Xeon (AVX-512), with the split 0.97-0.98 (docs/results.md).
     */
    @Override
    public double[] latencyFeatures(Genotype arch) {
        int ops = OPS.length - 1;
        double[] x = new double[3 * ops];
        for (Genotype.Edge e : arch.normal()) {
            x[e.op().ordinal() - 1]++;
        }
        for (Genotype.Edge e : arch.reduce()) {
            x[(e.input() < 2 ? ops : 2 * ops) + e.op().ordinal() - 1]++;
        }
        return x;
    }

    /** The normal and the reduction cell as graphs (inputs c_{k-2}, c_{k-1}; output c_{k}). */
    @Override
    public Map<String, String> diagrams(Genotype g) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("normal", dot("normal", g.normal(), g.normalConcat()));
        out.put("reduce", dot("reduce", g.reduce(), g.reduceConcat()));
        return out;
    }

    private static String dot(String name, List<Genotype.Edge> edges, List<Integer> concat) {
        StringBuilder sb = new StringBuilder("digraph \"" + name
                + "\" {\n  rankdir=LR;\n  node [shape=box, style=filled, fillcolor=lightgray];\n");
        sb.append("  \"c_{k-2}\" [fillcolor=darkseagreen2];\n  \"c_{k-1}\" [fillcolor=darkseagreen2];\n");
        sb.append("  \"c_{k}\" [fillcolor=palegoldenrod];\n");
        for (int i = 0; i < edges.size(); i++) {
            int node = i / 2;
            int in = edges.get(i).input();
            String from = in == 0 ? "c_{k-2}" : in == 1 ? "c_{k-1}" : Integer.toString(in - 2);
            sb.append("  \"").append(from).append("\" -> \"").append(node).append("\" [label=\"")
                    .append(edges.get(i).op().text()).append("\"];\n");
        }
        for (int c : concat) {
            sb.append("  \"").append(c - 2).append("\" -> \"c_{k}\";\n");
        }
        return sb.append("}\n").toString();
    }
}
