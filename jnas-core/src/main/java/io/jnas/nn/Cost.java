package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Parameters and MACs of a network, with the conventions of DARTS (arXiv:1806.09055) and NAS-Bench-201 (arXiv:2001.00326): parameters
 * count every trainable tensor including batch-norm affine terms (running statistics and
 * architecture weights excluded, as are the network's {@link Network#costExcluded()} parts);
 * MACs come from one metered inference pass on a single image and count convolutions,
 * linear layers and pooling (jnas's convention). FLOPs follow NAS-Bench-201's published numbers (xautodl's counter):
 * convolutions and linear layers with one add per bias element, pooling not counted (see {@link CostMeter}).
 *
 * @param params trainable parameter count
 * @param macs multiply-accumulates for one input image of the measured size
 * @param flops NAS-Bench-201's convention for the same pass
 */
public record Cost(long params, long macs, long flops) {

    /** A cost whose FLOPs are not counted separately (taken equal to the MACs). */
    public Cost(long params, long macs) {
        this(params, macs, macs);
    }

    /** Measures {@code net} on one image of size channels×height×width. */
    public static Cost of(Network net, NDManager parent, int channels, int height, int width) {
        long params = countParams(net);
        CostMeter meter = new CostMeter();
        try (NDManager m = parent.newSubManager()) {
            Ctx ctx = new Ctx(m, false, new java.util.SplittableRandom(0), meter);
            NDArray x = m.zeros(new Shape(1, channels, height, width));
            net.forward(ctx, x);
        }
        return new Cost(params, meter.macs(), meter.flops());
    }

    /** Trainable, deployed parameters of {@code module} (see class comment). */
    public static long countParams(Module module) {
        java.util.Set<String> excluded = module instanceof Network n ? n.costExcluded() : java.util.Set.of();
        long total = 0;
        for (Param p : module.parameters()) {
            if (!p.kind().trainable() || p.kind() == Param.Kind.ARCH) {
                continue;
            }
            boolean skip = false;
            for (String prefix : excluded) {
                if (p.name().equals(prefix) || p.name().startsWith(prefix + ".")) {
                    skip = true;
                    break;
                }
            }
            if (!skip) {
                total += p.size();
            }
        }
        return total;
    }
}
