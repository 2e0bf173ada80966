package io.jnas.space.ofa;

import io.jnas.space.EncodedSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The OFA / OFAv2 MobileNetV3 subnet space (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888; NATv2, arXiv:2307.00960).
 * Integer encoding: {@code [resolution index, width index, (exit index), 20 layer genes, (20 branch genes)]}. A layer
 * gene is 0 for a skipped block or 1..9 for the (kernel, expand) pair {@code 1 + 3·k_index + e_index}; the first two
 * genes of a stage are at least 1 and depth is the number of non-zero genes. {@link #repair} zeroes every gene after a
 * stage's first 0. Branch genes (OFAv2 parallel blocks) are 1..7 for active blocks. Genes of stages beyond an early
 * exit are kept by the code but ignored.
 *
 * @param resolutions input resolutions a subnet may use (ImageNet 128..224 step 4; small images 32..64)
 * @param widths width multipliers of the super-networks (1.0, 1.2)
 * @param parallel OFAv2 parallel blocks (branch genes)
 * @param exits OFAv2 early exits (exit gene)
 */
public record OfaSpace(List<Integer> resolutions, List<Double> widths, boolean parallel, boolean exits)
        implements EncodedSpace<OfaSubnet> {
    /** Layer genes: 5 stages × 4 blocks. */
    public static final int LAYERS = OfaSubnet.STAGES * OfaSubnet.MAX_DEPTH;

    public OfaSpace {
        resolutions = List.copyOf(resolutions);
        widths = List.copyOf(widths);
        if (resolutions.isEmpty() || widths.isEmpty()) {
            throw new IllegalArgumentException("an OFA space needs at least one resolution and one width multiplier");
        }
        if (new LinkedHashSet<>(resolutions).size() != resolutions.size()) {
            throw new IllegalArgumentException("resolutions repeat: " + resolutions);
        }
    }

    /** Resolutions from..to (inclusive) in steps. */
    public static List<Integer> range(int from, int to, int step) {
        if (from < 8 || to < from || step < 1) {
            throw new IllegalArgumentException("bad resolution range " + from + ".." + to + " step " + step);
        }
        List<Integer> out = new ArrayList<>();
        for (int r = from; r <= to; r += step) {
            out.add(r);
        }
        return out;
    }

    @Override
    public String name() {
        return exits || parallel ? "ofav2" : "ofa";
    }

    /** Number of genes of a code. */
    @Override
    public int genes() {
        return 2 + (exits ? 1 : 0) + LAYERS + (parallel ? LAYERS : 0);
    }

    private int layerOffset() {
        return 2 + (exits ? 1 : 0);
    }

    /** Checks that a subnet belongs to this space (resolution, width, OFAv2 genes present or absent). */
    public OfaSubnet validate(OfaSubnet s) {
        if (!resolutions.contains(s.r())) {
            throw new IllegalArgumentException("resolution " + s.r() + " is not in this space; allowed " + describe(resolutions));
        }
        if (!widths.contains(s.w())) {
            throw new IllegalArgumentException("width multiplier " + s.w() + " is not in this space; allowed " + widths);
        }
        if (parallel == s.p().isEmpty()) {
            throw new IllegalArgumentException(parallel ? "this space has parallel blocks: the subnet needs \"p\" (branch genes)"
                    : "this space has no parallel blocks: remove \"p\" from the subnet");
        }
        if (exits == (s.nd() == 0)) {
            throw new IllegalArgumentException(exits ? "this space has early exits: the subnet needs \"nd\" (1..5)"
                    : "this space has no early exits: remove \"nd\" from the subnet");
        }
        return s;
    }

    private static String describe(List<Integer> rs) {
        return rs.size() > 6 ? rs.get(0) + ".." + rs.get(rs.size() - 1) + " (" + rs.size() + " values)" : rs.toString();
    }

    @Override
    public OfaSubnet parse(String text) {
        return validate(OfaSubnet.parse(text));
    }

    @Override
    public String format(OfaSubnet arch) {
        return arch.toString();
    }

    @Override
    public OfaSubnet sample(SplittableRandom random) {
        int[] code = new int[genes()];
        code[0] = random.nextInt(resolutions.size());
        code[1] = random.nextInt(widths.size());
        if (exits) {
            code[2] = random.nextInt(OfaSubnet.STAGES);
        }
        int off = layerOffset();
        for (int i = 0; i < LAYERS; i++) {
            int pos = i % OfaSubnet.MAX_DEPTH;
            // the last two genes of a stage are 0 with probability 1/3, balancing depths (as NATv2 samples)
            boolean skip = pos >= 2 && random.nextInt(3) == 0;
            code[off + i] = skip ? 0 : 1 + random.nextInt(9);
            if (parallel) {
                code[off + LAYERS + i] = 1 + random.nextInt(7);
            }
        }
        return decode(repair(code));
    }

    /** Zeroes every layer gene after a stage's first 0 and lifts the first two genes of a stage to at least 1. */
    @Override
    public int[] repair(int[] code) {
        int[] c = code.clone();
        int off = layerOffset();
        for (int s = 0; s < OfaSubnet.STAGES; s++) {
            boolean zero = false;
            for (int j = 0; j < OfaSubnet.MAX_DEPTH; j++) {
                int i = off + s * OfaSubnet.MAX_DEPTH + j;
                if (j < 2 && c[i] == 0) {
                    c[i] = 1;
                }
                if (zero) {
                    c[i] = 0;
                } else if (c[i] == 0) {
                    zero = true;
                }
                if (parallel) {
                    int b = i + LAYERS;
                    c[b] = c[i] == 0 ? 0 : Math.max(1, Math.min(7, c[b]));
                }
            }
        }
        return c;
    }

    @Override
    public OfaSubnet mutate(OfaSubnet arch, SplittableRandom random) {
        List<OfaSubnet> ns = neighbours(arch);
        return ns.get(random.nextInt(ns.size()));
    }

    @Override
    public List<OfaSubnet> neighbours(OfaSubnet arch) {
        int[] code = encode(arch);
        Set<OfaSubnet> out = new LinkedHashSet<>();
        for (int g = 0; g < code.length; g++) {
            int hi = upper(g);
            for (int v = 0; v <= hi; v++) {
                if (v == code[g]) {
                    continue;
                }
                int[] c = code.clone();
                c[g] = v;
                OfaSubnet n = decode(repair(c));
                if (!n.equals(arch)) {
                    out.add(n);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Largest value of gene g (the smallest is 0). */
    @Override
    public int upper(int g) {
        if (g == 0) {
            return resolutions.size() - 1;
        }
        if (g == 1) {
            return widths.size() - 1;
        }
        if (exits && g == 2) {
            return OfaSubnet.STAGES - 1;
        }
        return g < layerOffset() + LAYERS ? 9 : 7;
    }

    @Override
    public int[] encode(OfaSubnet arch) {
        validate(arch);
        int[] code = new int[genes()];
        code[0] = resolutions.indexOf(arch.r());
        code[1] = widths.indexOf(arch.w());
        if (exits) {
            code[2] = arch.nd() - 1;
        }
        int off = layerOffset();
        int block = 0;
        for (int s = 0; s < arch.stages(); s++) {
            for (int j = 0; j < arch.d().get(s); j++, block++) {
                int i = off + s * OfaSubnet.MAX_DEPTH + j;
                code[i] = 1 + 3 * OfaSubnet.KERNELS.indexOf(arch.ks().get(block)) + OfaSubnet.EXPANDS.indexOf(arch.e().get(block));
                if (parallel) {
                    code[i + LAYERS] = arch.p().get(block);
                    if (!OfaSubnet.has(arch.p().get(block), OfaSubnet.MBCONV)) {
                        code[i] = 1; // kernel and expand are unused: the smallest, so equal subnets have equal codes
                    }
                }
            }
        }
        // stages past an early exit: the smallest valid genes, so equal subnets have equal codes
        for (int s = arch.stages(); s < OfaSubnet.STAGES; s++) {
            for (int j = 0; j < 2; j++) {
                int i = off + s * OfaSubnet.MAX_DEPTH + j;
                code[i] = 1;
                if (parallel) {
                    code[i + LAYERS] = 1;
                }
            }
        }
        return code;
    }

    @Override
    public OfaSubnet decode(int[] code) {
        if (code.length != genes()) {
            throw new IllegalArgumentException("a code of this OFA space has " + genes() + " genes, got " + code.length);
        }
        for (int g = 0; g < code.length; g++) {
            if (code[g] < 0 || code[g] > upper(g)) {
                throw new IllegalArgumentException("gene " + g + " = " + code[g] + " is out of range 0.." + upper(g));
            }
        }
        if (!Arrays.equals(code, repair(code))) {
            throw new IllegalArgumentException("code " + Arrays.toString(code) + " needs repair: a stage starts with two "
                    + "non-zero genes and has no gene after a 0");
        }
        int nd = exits ? code[2] + 1 : 0;
        int stages = exits ? nd : OfaSubnet.STAGES;
        int off = layerOffset();
        List<Integer> ks = new ArrayList<>();
        List<Integer> es = new ArrayList<>();
        List<Integer> ds = new ArrayList<>();
        List<Integer> ps = new ArrayList<>();
        for (int s = 0; s < stages; s++) {
            int depth = 0;
            for (int j = 0; j < OfaSubnet.MAX_DEPTH; j++) {
                int i = off + s * OfaSubnet.MAX_DEPTH + j;
                if (code[i] == 0) {
                    break;
                }
                depth++;
                // a block without the MBConv branch ignores kernel and expand: decode them as the
                // smallest, so that codes differing only there give one subnet, not nine
                int layer = parallel && !OfaSubnet.has(code[i + LAYERS], OfaSubnet.MBCONV) ? 1 : code[i];
                ks.add(OfaSubnet.KERNELS.get((layer - 1) / 3));
                es.add(OfaSubnet.EXPANDS.get((layer - 1) % 3));
                if (parallel) {
                    ps.add(code[i + LAYERS]);
                }
            }
            ds.add(depth);
        }
        return new OfaSubnet(ks, es, ds, resolutions.get(code[0]), widths.get(code[1]), ps, nd);
    }

    /** The largest subnet: every block, kernel 7, expand 6, all branches, last exit, top resolution and width. */
    @Override
    public OfaSubnet largest() {
        return uniform(7, 6, 4, resolutions.get(resolutions.size() - 1), widths.get(widths.size() - 1), 7);
    }

    /** The smallest subnet: two blocks per stage, kernel 3, expand 3, MBConv branch only, first exit. */
    @Override
    public OfaSubnet smallest() {
        return uniform(3, 3, 2, resolutions.get(0), widths.get(0), 1, exits ? 1 : 0);
    }

    private OfaSubnet uniform(int k, int e, int depth, int r, double w, int branches) {
        return uniform(k, e, depth, r, w, branches, exits ? OfaSubnet.STAGES : 0);
    }

    /** A subnet with the same kernel, expand and depth everywhere. */
    public OfaSubnet uniform(int k, int e, int depth, int r, double w, int branches, int nd) {
        int stages = nd == 0 ? OfaSubnet.STAGES : nd;
        int blocks = stages * depth;
        return validate(new OfaSubnet(java.util.Collections.nCopies(blocks, k), java.util.Collections.nCopies(blocks, e),
                java.util.Collections.nCopies(stages, depth), r, w,
                parallel ? java.util.Collections.nCopies(blocks, branches) : List.of(), nd));
    }
}
