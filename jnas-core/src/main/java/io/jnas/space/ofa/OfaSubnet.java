package io.jnas.space.ofa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One subnet of an OFA / OFAv2 MobileNetV3 super-network (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888), in NAT's text form
 * {@code {"ks":[...],"e":[...],"d":[...],"r":R,"w":W}}. {@code ks} and {@code e} list the active
 * blocks only, stage by stage ({@code sum(d)} entries).
 *
 * <p>OFAv2 adds two optional keys (ours): {@code "p"}, the branch gene of each active block
 * (1..7; bit 1 = elastic MBConv, bit 2 = 1×1 conv branch, bit 4 = transform branch), and
 * {@code "nd"}, the early exit (1..5): the subnet is the stem, stages 1..nd and exit nd, and
 * {@code d} then has nd entries. Without them the subnet is a plain OFA subnet ({@code p} empty,
 * {@code nd} = 0).
 *
 * @param ks kernel size of each active block: 3, 5 or 7
 * @param e expand ratio of each active block: 3, 4 or 6
 * @param d depth of each stage present: 2, 3 or 4 (5 stages, or nd with an exit)
 * @param r input resolution in pixels
 * @param w width multiplier (1.0 or 1.2 in the reference super-networks)
 * @param p branch gene of each active block (OFAv2 parallel blocks), or empty
 * @param nd early exit 1..5, or 0 for a subnet without exits
 */
public record OfaSubnet(List<Integer> ks, List<Integer> e, List<Integer> d, int r, double w, List<Integer> p, int nd) {
    /** Stages of the super-network. */
    public static final int STAGES = 5;
    /** Maximum blocks per stage. */
    public static final int MAX_DEPTH = 4;
    /** Allowed kernel sizes. */
    public static final List<Integer> KERNELS = List.of(3, 5, 7);
    /** Allowed expand ratios. */
    public static final List<Integer> EXPANDS = List.of(3, 4, 6);
    /** Bits of a branch gene ("p"): the MBConv branch, the only one with kernel and expand genes. */
    public static final int MBCONV = 1;
    /** Bit of the 1×1 convolution branch. */
    public static final int CONV1X1 = 2;
    /** Bit of the transform branch (identity, or a 1×1 projection when the width changes). */
    public static final int TRANSFORM = 4;

    /** Whether branch gene {@code branches} includes {@code branch} (one of the bits above). */
    public static boolean has(int branches, int branch) {
        return (branches & branch) != 0;
    }
    /** Allowed stage depths. */
    public static final List<Integer> DEPTHS = List.of(2, 3, 4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("ks", "e", "d", "r", "w", "p", "nd");

    public OfaSubnet {
        ks = List.copyOf(ks);
        e = List.copyOf(e);
        d = List.copyOf(d);
        p = List.copyOf(p);
        if (nd < 0 || nd > STAGES) {
            throw new IllegalArgumentException("nd = " + nd + " is not an exit; allowed 1..5 (or no \"nd\" key)");
        }
        int stages = nd == 0 ? STAGES : nd;
        if (d.size() != stages) {
            throw new IllegalArgumentException("\"d\" needs " + stages + " stage depths" + (nd == 0 ? "" : " (nd = " + nd + ")")
                    + ", got " + d.size() + ": " + d);
        }
        for (int x : d) {
            check("d", x, DEPTHS);
        }
        int blocks = d.stream().mapToInt(Integer::intValue).sum();
        if (ks.size() != blocks || e.size() != blocks) {
            throw new IllegalArgumentException("\"ks\" and \"e\" need one entry per active block (sum of d = " + blocks
                    + "), got " + ks.size() + " and " + e.size());
        }
        for (int x : ks) {
            check("ks", x, KERNELS);
        }
        for (int x : e) {
            check("e", x, EXPANDS);
        }
        if (!p.isEmpty()) {
            if (p.size() != blocks) {
                throw new IllegalArgumentException("\"p\" needs one branch gene per active block (" + blocks + "), got " + p.size());
            }
            for (int x : p) {
                if (x < 1 || x > 7) {
                    throw new IllegalArgumentException("branch gene " + x + " in \"p\" is not allowed; use 1..7 (bits: 1 MBConv, "
                            + "2 conv 1x1, 4 transform)");
                }
            }
        }
        if (r < 8 || r > 1024) {
            throw new IllegalArgumentException("resolution r = " + r + " is out of range 8..1024");
        }
        if (!(w > 0) || w > 4) {
            throw new IllegalArgumentException("width multiplier w = " + w + " is out of range (0, 4]");
        }
    }

    private static void check(String key, int value, List<Integer> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException("\"" + key + "\" value " + value + " is not allowed; use one of " + allowed);
        }
    }

    /** Number of stages in the subnet (5, or nd with an exit). */
    public int stages() {
        return d.size();
    }

    /** Number of active blocks. */
    public int blocks() {
        return ks.size();
    }

    /** Index of the first active block of a stage in {@link #ks()} / {@link #e()}. */
    public int firstBlock(int stage) {
        int i = 0;
        for (int s = 0; s < stage; s++) {
            i += d.get(s);
        }
        return i;
    }

    /** Branch gene of active block i (7 = all, or 1 = MBConv only for a plain OFA subnet). */
    public int branches(int i) {
        return p.isEmpty() ? 1 : p.get(i);
    }

    /** Parses NAT's JSON text form; throws IllegalArgumentException naming the bad part. */
    public static OfaSubnet parse(String text) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (Exception ex) {
            throw new IllegalArgumentException("subnet is not JSON: '" + text + "' (expected {\"ks\":[...],\"e\":[...],\"d\":[...],"
                    + "\"r\":224,\"w\":1.0})");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("subnet must be a JSON object like {\"ks\":[...],\"e\":[...],\"d\":[...],\"r\":224,"
                    + "\"w\":1.0}, got '" + text + "'");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown key \"" + k + "\" in subnet; allowed ks, e, d, r, w, p, nd");
            }
        }
        return new OfaSubnet(ints(n, "ks", true), ints(n, "e", true), ints(n, "d", true), integer(n, "r", true),
                number(n, "w"), ints(n, "p", false), n.has("nd") ? integer(n, "nd", true) : 0);
    }

    private static List<Integer> ints(JsonNode n, String key, boolean required) {
        JsonNode a = n.get(key);
        if (a == null) {
            if (required) {
                throw new IllegalArgumentException("subnet lacks \"" + key + "\"");
            }
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a list of integers, got " + a);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode x : a) {
            if (!x.isIntegralNumber()) {
                throw new IllegalArgumentException("\"" + key + "\" holds " + x + ", not an integer");
            }
            out.add(x.intValue());
        }
        return out;
    }

    private static int integer(JsonNode n, String key, boolean required) {
        JsonNode x = n.get(key);
        if (x == null || !x.isIntegralNumber()) {
            throw new IllegalArgumentException("subnet needs an integer \"" + key + "\", got " + x);
        }
        return x.intValue();
    }

    private static double number(JsonNode n, String key) {
        JsonNode x = n.get(key);
        if (x == null) {
            return 1.0;
        }
        if (!x.isNumber()) {
            throw new IllegalArgumentException("\"" + key + "\" must be a number, got " + x);
        }
        return x.doubleValue();
    }

    /** NAT's text form; the OFAv2 keys appear only when set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{\"ks\":").append(list(ks)).append(",\"e\":").append(list(e))
                .append(",\"d\":").append(list(d)).append(",\"r\":").append(r).append(",\"w\":")
                .append(String.format(Locale.ROOT, "%s", w));
        if (!p.isEmpty()) {
            sb.append(",\"p\":").append(list(p));
        }
        if (nd != 0) {
            sb.append(",\"nd\":").append(nd);
        }
        return sb.append('}').toString();
    }

    private static String list(List<Integer> xs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < xs.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(xs.get(i));
        }
        return sb.append(']').toString();
    }
}
