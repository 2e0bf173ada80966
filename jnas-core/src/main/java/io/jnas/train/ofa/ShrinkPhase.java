package io.jnas.train.ofa;

import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One phase of (extended) progressive shrinking: the choices subnets are sampled from.
 *
 * @param name phase name (full, kernel, level, exit, depth, expand)
 * @param kernels kernel sizes sampled
 * @param expands expand ratios sampled
 * @param depths stage depths sampled
 * @param branchCounts numbers of active branches sampled (parallel blocks; {1} = MBConv only)
 * @param exits exits sampled (early exits; empty without)
 * @param sortFirst re-order middle channels by importance before the phase (expand phases)
 */
public record ShrinkPhase(String name, List<Integer> kernels, List<Integer> expands, List<Integer> depths,
        List<Integer> branchCounts, List<Integer> exits, boolean sortFirst) {

    /** True for the first phase, which trains only the largest network. */
    public boolean full() {
        return name.equals("full");
    }

    /**
     * The phases for a super-network: full → kernel → (level ×2) → (exit ×4) → depth ×2 → expand ×2
     * (OFA's order, extended by OFAv2's elastic level and elastic exit).
     */
    public static List<ShrinkPhase> plan(OfaNetwork.Spec spec) {
        List<ShrinkPhase> out = new ArrayList<>();
        List<Integer> k = List.of(7);
        List<Integer> e = List.of(6);
        List<Integer> d = List.of(4);
        List<Integer> b = List.of(spec.parallel() ? 3 : 1);
        List<Integer> x = spec.exits() ? List.of(5) : List.of();
        out.add(new ShrinkPhase("full", k, e, d, b, x, false));
        k = List.of(3, 5, 7);
        out.add(new ShrinkPhase("kernel", k, e, d, b, x, false));
        if (spec.parallel()) {
            out.add(new ShrinkPhase("level", k, e, d, b = List.of(2, 3), x, false));
            out.add(new ShrinkPhase("level", k, e, d, b = List.of(1, 2, 3), x, false));
        }
        if (spec.exits()) {
            for (int first = 4; first >= 1; first--) {
                List<Integer> ex = new ArrayList<>();
                for (int i = first; i <= 5; i++) {
                    ex.add(i);
                }
                out.add(new ShrinkPhase("exit", k, e, d, b, x = List.copyOf(ex), false));
            }
        }
        out.add(new ShrinkPhase("depth", k, e, d = List.of(3, 4), b, x, false));
        out.add(new ShrinkPhase("depth", k, e, d = List.of(2, 3, 4), b, x, false));
        out.add(new ShrinkPhase("expand", k, e = List.of(4, 6), d, b, x, true));
        out.add(new ShrinkPhase("expand", k, List.of(3, 4, 6), d, b, x, true));
        return out;
    }

    /** A random subnet of this phase at a random resolution of {@code resolutions}. */
    public OfaSubnet sample(OfaNetwork.Spec spec, List<Integer> resolutions, SplittableRandom r) {
        List<Integer> ds = new ArrayList<>();
        int nd = spec.exits() ? exits.get(r.nextInt(exits.size())) : 0;
        int stages = nd == 0 ? OfaSubnet.STAGES : nd;
        List<Integer> ks = new ArrayList<>();
        List<Integer> es = new ArrayList<>();
        List<Integer> ps = new ArrayList<>();
        for (int s = 0; s < stages; s++) {
            int depth = depths.get(r.nextInt(depths.size()));
            ds.add(depth);
            for (int j = 0; j < depth; j++) {
                ks.add(kernels.get(r.nextInt(kernels.size())));
                es.add(expands.get(r.nextInt(expands.size())));
                if (spec.parallel()) {
                    ps.add(branchGene(branchCounts.get(r.nextInt(branchCounts.size())), r));
                }
            }
        }
        int res = resolutions.get(r.nextInt(resolutions.size()));
        return new OfaSubnet(ks, es, ds, res, spec.width(), ps, nd);
    }

    /** A random 3-bit branch gene with {@code count} bits set. */
    static int branchGene(int count, SplittableRandom r) {
        List<Integer> genes = new ArrayList<>();
        for (int g = 1; g <= 7; g++) {
            if (Integer.bitCount(g) == count) {
                genes.add(g);
            }
        }
        return genes.get(r.nextInt(genes.size()));
    }
}
