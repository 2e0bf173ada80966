package io.jnas.nn.ofa;

import io.jnas.space.ofa.OfaSubnet;
import java.util.Set;

/** Whether a subnet fits an OFA network built from a plan (its largest subnet): same width and genes, no larger choice. */
final class SubnetFit {
    private SubnetFit() {
    }

    /** Throws IllegalArgumentException naming where {@code s} does not fit a network of {@code spec} and {@code plan}. */
    static void check(OfaNetwork.Spec spec, OfaSubnet plan, Set<Integer> heads, OfaSubnet s) {
        if (s.w() != spec.width() || s.p().isEmpty() == spec.parallel() || (s.nd() == 0) == spec.exits()) {
            throw new IllegalArgumentException("subnet " + s + " does not belong to this network");
        }
        if (s.stages() > plan.stages() || (spec.exits() && !heads.contains(s.stages() - 1))) {
            throw new IllegalArgumentException("subnet " + s + " uses an exit this network does not have");
        }
        for (int st = 0; st < s.stages(); st++) {
            if (s.d().get(st) > plan.d().get(st)) {
                throw new IllegalArgumentException("subnet " + s + " is deeper than this network in stage " + (st + 1));
            }
            for (int j = 0; j < s.d().get(st); j++) {
                int a = s.firstBlock(st) + j;
                int b = plan.firstBlock(st) + j;
                if (s.ks().get(a) > plan.ks().get(b) || s.e().get(a) > plan.e().get(b)
                        || (s.branches(a) & ~plan.branches(b)) != 0) {
                    throw new IllegalArgumentException("subnet " + s + " exceeds this network at stage " + (st + 1)
                            + " block " + (j + 1));
                }
            }
        }
    }
}
