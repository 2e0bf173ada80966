package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Ctx;
import io.jnas.nn.Module;
import io.jnas.nn.Zero;
import java.util.List;

/**
 * One supernet edge: Σ_o w_o·op_o(x) over the candidate operations, with w a row of softmax(α)
 * given per call. Zero operations are skipped (they add nothing). With partial channels K,
 * only the first C/K channels go through the operations; the rest bypass (max-pooled when the
 * edge is strided) and the result is channel-shuffled in K groups (PC-DARTS). With an
 * auxiliary skip (DARTS-), β·skip(x) is added.
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
        NDArray in = partial > 1 ? x.get(new NDIndex(":, 0:" + channels / partial)) : x;
        NDArray sum = null;
        NDArray relu = null;
        for (int o = 0; o < ops.length; o++) {
            if (Zero.isZero(ops[o])) {
                continue;
            }
            NDArray src = in;
            if (preActivated[o]) {
                relu = relu == null ? ai.djl.nn.Activation.relu(in) : relu;
                src = relu;
            }
            NDArray y = ops[o].forward(ctx, src).mul(weights.get(o));
            sum = sum == null ? y : sum.addi(y);
        }
        if (partial > 1) {
            NDArray rest = x.get(new NDIndex(":, " + channels / partial + ":"));
            if (stride > 1) {
                rest = ai.djl.nn.pooling.Pool.maxPool2d(rest, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
            }
            sum = shuffle(NDArrays.concat(new NDList(sum, rest), 1), partial);
        }
        if (auxSkip != null && auxBeta > 0) {
            sum = sum.add(io.jnas.nn.Scalar.mul(auxSkip.forward(ctx, x), auxBeta));
        }
        return sum;
    }

    /** Channel shuffle: (N, C, H, W) viewed as (N, g, C/g, H, W), groups interleaved. */
    static NDArray shuffle(NDArray x, int groups) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), groups, s.get(1) / groups, s.get(2), s.get(3)).transpose(0, 2, 1, 3, 4)
                .reshape(s);
    }
}
