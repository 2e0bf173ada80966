package io.jnas.space.darts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DARTS genotype: for each of the normal and reduction cells, 8 (operation, input) pairs;
 * pairs 2k and 2k+1 feed intermediate node k+2, inputs 0 = s0, 1 = s1, 2..5 = nodes; plus the
 * nodes concatenated into the cell output.
 *
 * <p>Text form (the DARTS code's): {@code Genotype(normal=[('sep_conv_3x3', 0), ...],
 * normal_concat=[2, 3, 4, 5], reduce=[...], reduce_concat=[2, 3, 4, 5])}; {@code range(2, 6)}
 * is accepted for the concat lists.
 */
public record Genotype(List<Edge> normal, List<Integer> normalConcat, List<Edge> reduce, List<Integer> reduceConcat) {
    /** Intermediate nodes per cell. */
    public static final int NODES = 4;

    /** One selected operation and the state it reads. */
    public record Edge(DartsOp op, int input) {
        public Edge {
            if (op == null) {
                throw new IllegalArgumentException("DARTS edge operation is missing");
            }
        }
    }

    public Genotype {
        normal = checkCell("normal", normal);
        reduce = checkCell("reduce", reduce);
        normalConcat = checkConcat("normal_concat", normalConcat);
        reduceConcat = checkConcat("reduce_concat", reduceConcat);
    }

    private static List<Edge> checkCell(String name, List<Edge> edges) {
        if (edges == null || edges.size() != 2 * NODES) {
            throw new IllegalArgumentException(name + " must list 8 (op, input) pairs, got "
                    + (edges == null ? "none" : edges.size()));
        }
        for (int i = 0; i < edges.size(); i++) {
            int node = i / 2 + 2;
            int in = edges.get(i).input();
            if (in < 0 || in >= node) {
                throw new IllegalArgumentException(name + " pair " + i + " " + edges.get(i).op().text() + " reads input " + in
                        + ", but node " + node + " may only read inputs 0.." + (node - 1));
            }
            if (edges.get(i).op() == DartsOp.NONE) {
                throw new IllegalArgumentException(name + " pair " + i + " uses 'none', which a derived genotype cannot hold");
            }
        }
        return List.copyOf(edges);
    }

    private static List<Integer> checkConcat(String name, List<Integer> concat) {
        if (concat == null || concat.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty; expected a subset of [2, 3, 4, 5]");
        }
        for (int c : concat) {
            if (c < 2 || c > NODES + 1) {
                throw new IllegalArgumentException(name + " holds " + c + "; allowed node indices are 2..5");
            }
        }
        return List.copyOf(concat);
    }

    /** Number of {@code skip_connect} operations in the normal cell (the collapse signal). */
    public int normalSkips() {
        return (int) normal.stream().filter(e -> e.op() == DartsOp.SKIP_CONNECT).count();
    }

    private static final Pattern PAIR = Pattern.compile("\\(\\s*'([^']*)'\\s*,\\s*(-?\\d+)\\s*\\)");
    private static final Pattern FIELD = Pattern.compile(
            "(normal|reduce|normal_concat|reduce_concat)\\s*=\\s*(\\[[^\\]]*\\]|range\\(\\s*\\d+\\s*,\\s*\\d+\\s*\\))");

    /** Parses the text form; errors name the offending part. */
    public static Genotype parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("empty genotype");
        }
        String t = text.trim();
        if (!t.startsWith("Genotype(") || !t.endsWith(")")) {
            throw new IllegalArgumentException("a genotype must look like Genotype(normal=[...], normal_concat=[...], "
                    + "reduce=[...], reduce_concat=[...]); got '" + abbreviate(t) + "'");
        }
        String body = t.substring("Genotype(".length(), t.length() - 1);
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        Matcher m = FIELD.matcher(body);
        int consumed = 0;
        while (m.find()) {
            String between = body.substring(consumed, m.start()).replace(",", "").trim();
            if (!between.isEmpty()) {
                throw new IllegalArgumentException("unexpected text '" + abbreviate(between) + "' in genotype");
            }
            if (fields.put(m.group(1), m.group(2)) != null) {
                throw new IllegalArgumentException("genotype field '" + m.group(1) + "' given twice");
            }
            consumed = m.end();
        }
        String rest = body.substring(consumed).replace(",", "").trim();
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("unexpected text '" + abbreviate(rest) + "' in genotype");
        }
        for (String f : List.of("normal", "normal_concat", "reduce", "reduce_concat")) {
            if (!fields.containsKey(f)) {
                throw new IllegalArgumentException("genotype lacks the field '" + f + "'");
            }
        }
        return new Genotype(parsePairs("normal", fields.get("normal")), parseConcat(fields.get("normal_concat")),
                parsePairs("reduce", fields.get("reduce")), parseConcat(fields.get("reduce_concat")));
    }

    private static List<Edge> parsePairs(String name, String list) {
        String inner = list.substring(1, list.length() - 1).trim();
        List<Edge> edges = new ArrayList<>();
        Matcher m = PAIR.matcher(inner);
        int consumed = 0;
        while (m.find()) {
            String between = inner.substring(consumed, m.start()).replace(",", "").trim();
            if (!between.isEmpty()) {
                throw new IllegalArgumentException("bad token '" + abbreviate(between) + "' in " + name + " list");
            }
            edges.add(new Edge(DartsOp.parse(m.group(1)), Integer.parseInt(m.group(2))));
            consumed = m.end();
        }
        String rest = inner.substring(consumed).replace(",", "").trim();
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("bad token '" + abbreviate(rest) + "' in " + name
                    + " list; expected ('op', input) pairs");
        }
        return edges;
    }

    private static List<Integer> parseConcat(String s) {
        List<Integer> out = new ArrayList<>();
        if (s.startsWith("range(")) {
            String[] ab = s.substring(6, s.length() - 1).split(",");
            int a = Integer.parseInt(ab[0].trim());
            int b = Integer.parseInt(ab[1].trim());
            for (int i = a; i < b; i++) {
                out.add(i);
            }
            return out;
        }
        String inner = s.substring(1, s.length() - 1).trim();
        if (inner.isEmpty()) {
            return out;
        }
        for (String tok : inner.split(",")) {
            try {
                out.add(Integer.parseInt(tok.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad concat entry '" + tok.trim() + "'; expected node indices 2..5");
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    @Override
    public String toString() {
        return "Genotype(normal=" + pairs(normal) + ", normal_concat=" + normalConcat + ", reduce=" + pairs(reduce)
                + ", reduce_concat=" + reduceConcat + ")";
    }

    private static String pairs(List<Edge> edges) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < edges.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append("('").append(edges.get(i).op().text()).append("', ").append(edges.get(i).input()).append(')');
        }
        return sb.append(']').toString();
    }

    /** DARTS (second order) from the DARTS paper, the usual reference genotype. */
    public static final Genotype DARTS_V2 = parse("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
            + "('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), "
            + "('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), "
            + "('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), "
            + "('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])");
}
