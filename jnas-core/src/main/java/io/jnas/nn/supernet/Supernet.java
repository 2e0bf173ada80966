package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import io.jnas.nn.Ctx;
import io.jnas.nn.Module;
import io.jnas.nn.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * A weight-sharing network whose edges mix all candidate operations with softmax(α) weights.
 * It yields the feature maps of its three resolution stages, which an objective (a classifier
 * head, or a masked-image decoder) turns into a loss.
 */
public abstract class Supernet extends Module {
    private boolean shareEdgeWork = true;

    /**
     * Whether a cell's edges share what they compute alike from one state (on, the default); off, every edge computes
     * its own ReLU and pools as the original DARTS code does, to test that the sharing is exact and to measure it.
     */
    public final void shareEdgeWork(boolean on) {
        shareEdgeWork = on;
    }

    /** The sharing context of one cell's forward pass: shared, or none (every edge computes for itself). */
    final MixedOp.Shared edgeWork() {
        return shareEdgeWork ? new MixedOp.Shared() : null;
    }


    /**
     * The last feature map of each resolution stage.
     *
     * @param f1 (N, C1, H, W) before the first reduction
     * @param f2 (N, C2, H/2, W/2) after it
     * @param f3 (N, C3, H/4, W/4) after the second
     */
    public record Features(NDArray f1, NDArray f2, NDArray f3) {
    }

    /**
     * Runs the supernet. {@code mask} (N, 1, gh, gw), 1 = visible, re-applies the input mask to
     * the stem and every cell output when not null (SparK's sparse-convolution emulation).
     */
    public abstract Features features(Ctx ctx, NDArray x, NDArray mask);

    /** Channels of f1, f2, f3. */
    public abstract int[] stageChannels();

    /** The text form of the architecture derived from the current α. */
    public abstract String derive();

    /** Number of skip connections in the derived (normal) cell: the collapse signal. */
    public abstract int derivedSkips();

    /** softmax(α) per cell type, as nested lists (for logs and plots). */
    public abstract List<double[][]> alphaSoftmax();

    /**
     * How clearly the current α decides each edge: per edge (a row of every α matrix), the softmax weight of the
     * operation the derivation picks minus that of the runner-up among the operations it may pick.
     */
    public double[] decisionMargins() {
        java.util.List<Double> out = new ArrayList<>();
        for (double[][] m : alphaSoftmax()) {
            for (double[] row : m) {
                double best = Double.NEGATIVE_INFINITY;
                double second = Double.NEGATIVE_INFINITY;
                for (int o = firstChoice(); o < row.length; o++) {
                    if (row[o] > best) {
                        second = best;
                        best = row[o];
                    } else if (row[o] > second) {
                        second = row[o];
                    }
                }
                out.add(best - second);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The first α column the derivation may pick (DARTS never picks 'none', column 0). */
    protected int firstChoice() {
        return 0;
    }

    /** Names of the α matrices, matching {@link #alphaSoftmax()}. */
    public abstract List<String> alphaNames();

    /** Operation names of the α columns. */
    public abstract List<String> opNames();

    /** DARTS-: weight β of the auxiliary skip branch (ignored when the variant is off). */
    public abstract void setAuxSkipWeight(double beta);

    /** Whether a classifier on f3 needs BN + ReLU before pooling (NAS-Bench-201's "lastact"; DARTS cells end without). */
    public abstract boolean preActivationHead();

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return features(ctx, x, null).f3();
    }

    /** Architecture parameters (α, and PC-DARTS edge weights). */
    public final List<Param> archParameters() {
        List<Param> out = new ArrayList<>();
        for (Param p : parameters()) {
            if (p.kind() == Param.Kind.ARCH) {
                out.add(p);
            }
        }
        return out;
    }

    /** Trainable network weights (everything trainable except architecture parameters). */
    public final List<Param> weightParameters() {
        List<Param> out = new ArrayList<>();
        for (Param p : trainableParameters()) {
            if (p.kind() != Param.Kind.ARCH) {
                out.add(p);
            }
        }
        return out;
    }

    /** Nearest-neighbour resize of a mask (N, 1, gh, gw) to h×w (repeat or subsample). */
    public static NDArray maskAt(NDArray mask, long h, long w) {
        long gh = mask.getShape().get(2);
        if (h == gh) {
            return mask;
        }
        if (h > gh) {
            int f = (int) (h / gh);
            return mask.repeat(2, f).repeat(3, f);
        }
        int f = (int) (gh / h);
        return mask.get(new ai.djl.ndarray.index.NDIndex("..., ::" + f + ", ::" + f));
    }

    /** Multiplies a feature map by the mask at its resolution; identity when mask is null. */
    public static NDArray remask(NDArray x, NDArray mask) {
        if (mask == null) {
            return x;
        }
        return x.mul(maskAt(mask, x.getShape().get(2), x.getShape().get(3)));
    }
}
