package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.jnas.nn.Ctx;
import io.jnas.nn.Module;
import io.jnas.nn.Reuse;
import io.jnas.nn.Zero;
import java.util.List;

/**
 * One supernet edge: Σ_o w_o·op_o(x) over the candidate operations, with w a row of softmax(α)
 * given per call. Zero operations are skipped (they add nothing). With partial channels K,
 * only the first C/K channels go through the operations; the rest bypass (max-pooled when the
 * edge is strided) and the result is channel-shuffled in K groups (PC-DARTS). With an
 * auxiliary skip (DARTS-), β·skip(x) is added.
 *
 * <p>The edges that read the same state can share work through a {@link Shared} pass: the ReLU of the state and the
 * operations whose module instance the edges share (a cell gives the edges of one state one pooling module, and one
 * batch norm after it in the DARTS search form: their outputs are the same tensor for every such edge, as are the
 * running statistics they keep).
 * Input (N, C, H, W) → output (N, C, H/stride, W/stride).
 */
public final class MixedOp extends Module {
    private final Module[] ops;
    private final int channels;
    private final int partial;
    private final int stride;
    private final Module auxSkip;
    private final boolean[] preActivated;

    public MixedOp(List<Module> ops, int channels, int partial, int stride, Module auxSkip) {
        this(ops, new boolean[ops.size()], channels, partial, stride, auxSkip);
    }

    /**
     * @param preActivated which operations take ReLU(x) instead of x (the ReLU is computed once per edge)
     */
    public MixedOp(List<Module> ops, boolean[] preActivated, int channels, int partial, int stride, Module auxSkip) {
        this.preActivated = preActivated.clone();
        this.ops = new Module[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            this.ops[i] = child("ops." + i, ops.get(i));
        }
        if (channels % partial != 0) {
            throw new IllegalArgumentException("partial channels K=" + partial + " must divide the " + channels + " channels");
        }
        this.channels = channels;
        this.partial = partial;
        this.stride = stride;
        this.auxSkip = auxSkip == null ? null : child("aux_skip", auxSkip);
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        throw new UnsupportedOperationException("a mixed operation needs its weights: use forward(ctx, x, weights, beta)");
    }

    /**
     * @param weights softmax(α) row for this edge, shape (numOps)
     * @param auxBeta DARTS- skip weight (0 = none)
     */
    public NDArray forward(Ctx ctx, NDArray x, NDArray weights, double auxBeta) {
        return forward(ctx, x, weights, auxBeta, null);
    }

    /**
     * As {@link #forward(Ctx, NDArray, NDArray, double)}, reusing what another edge of the same pass computed from the
     * same state {@code x}: its ReLU, the output of a shared module, the partial channels' bypass ({@code work} null:
     * nothing is shared).
     */
    public NDArray forward(Ctx ctx, NDArray x, NDArray weights, double auxBeta, Shared work) {
        Shared shared = work == null ? new Shared() : work;
        NDArray in = partial > 1 ? x.get(new NDIndex(":, 0:" + channels / partial)) : x;
        // the ReLU of all channels is the state's own, which the operations may ask for too; of partial ones, the edge's
        Object relu = partial > 1 ? PARTIAL_RELU : Reuse.RELU;
        NDArray sum = null;
        Reuse before = work == null ? null : ctx.withReuse(work);
        try {
            for (int o = 0; o < ops.length; o++) {
                if (Zero.isZero(ops[o])) {
                    continue;
                }
                Module op = ops[o];
                NDArray src = preActivated[o] ? shared.of(relu, x, () -> Activation.relu(in)) : in;
                NDArray y = shared.of(op, x, () -> op.forward(ctx, src)).mul(weights.get(o));
                sum = sum == null ? y : sum.addi(y);
            }
        } finally {
            if (work != null) {
                ctx.withReuse(before);
            }
        }
        if (partial > 1) {
            NDArray rest = shared.of(stride > 1 ? BYPASS_POOLED : BYPASS, x, () -> bypass(x));
            sum = shuffle(NDArrays.concat(new NDList(sum, rest), 1), partial);
        }
        if (auxSkip != null && auxBeta > 0) {
            sum = sum.add(io.jnas.nn.Scalar.mul(auxSkip.forward(ctx, x), auxBeta));
        }
        return sum;
    }

    /** The channels that bypass the operations (PC-DARTS), max-pooled when the edge is strided. */
    private NDArray bypass(NDArray x) {
        NDArray rest = x.get(new NDIndex(":, " + channels / partial + ":"));
        if (stride > 1) {
            rest = ai.djl.nn.pooling.Pool.maxPool2d(rest, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
        }
        return rest;
    }

    private static final Object PARTIAL_RELU = new Object();
    private static final Object BYPASS = new Object();
    private static final Object BYPASS_POOLED = new Object();

    /**
     * What the edges of one cell's forward pass computed from each state (see {@link Reuse}). A module is only shared
     * between edges when it computes the same function of the state for each of them; an edge's own modules are
     * looked up too, but only it asks for them. While an edge runs its operations, the operations can share through
     * it too ({@link Ctx#reused}: a strided edge's ReLU and the phases its reductions slice). One per cell and pass; a
     * fresh one shares nothing.
     */
    public static final class Shared extends Reuse {
    }

    /** Channel shuffle: (N, C, H, W) viewed as (N, g, C/g, H, W), groups interleaved. */
    static NDArray shuffle(NDArray x, int groups) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), groups, s.get(1) / groups, s.get(2), s.get(3)).transpose(0, 2, 1, 3, 4)
                .reshape(s);
    }
}
