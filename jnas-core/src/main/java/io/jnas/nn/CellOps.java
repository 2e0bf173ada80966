package io.jnas.nn;

import io.jnas.space.darts.DartsOp;
import io.jnas.space.nb201.Nb201Op;

/** Builds the edge operations of the DARTS and NAS-Bench-201 cells (DARTS, arXiv:1806.09055; NAS-Bench-201, arXiv:2001.00326). */
public final class CellOps {
    private CellOps() {
    }

    /**
     * A DARTS operation on C channels. {@code searchNet} selects the supernet form: pools are
     * followed by a non-affine BN and all BNs are non-affine.
     */
    public static Module darts(Init init, DartsOp op, int c, int stride, boolean affine, boolean searchNet) {
        return switch (op) {
            case NONE -> new Zero(stride);
            case MAX_POOL_3X3 -> searchNet ? Ops.poolBn(init, Pool.max(3, stride, 1), c) : Pool.max(3, stride, 1);
            case AVG_POOL_3X3 -> searchNet ? Ops.poolBn(init, Pool.avg(3, stride, 1), c) : Pool.avg(3, stride, 1);
            case SKIP_CONNECT -> stride == 1 ? new Identity() : new FactorizedReduce(init, c, c, affine);
            case SEP_CONV_3X3 -> Ops.sepConv(init, c, c, 3, stride, 1, affine);
            case SEP_CONV_5X5 -> Ops.sepConv(init, c, c, 5, stride, 2, affine);
            case DIL_CONV_3X3 -> Ops.dilConv(init, c, c, 3, stride, 2, 2, affine);
            case DIL_CONV_5X5 -> Ops.dilConv(init, c, c, 5, stride, 4, 2, affine);
        };
    }

    /** Whether the DARTS operation starts with a ReLU that a mixed edge can compute once for all of them. */
    public static boolean sharesRelu(DartsOp op) {
        return switch (op) {
            case SEP_CONV_3X3, SEP_CONV_5X5, DIL_CONV_3X3, DIL_CONV_5X5 -> true;
            default -> false;
        };
    }

    /** The search form of a DARTS convolution op without its leading ReLU (see {@link #sharesRelu}). */
    public static Module dartsPreActivated(Init init, DartsOp op, int c, int stride) {
        return switch (op) {
            case SEP_CONV_3X3 -> Ops.sepConvPreActivated(init, c, c, 3, stride, 1, false);
            case SEP_CONV_5X5 -> Ops.sepConvPreActivated(init, c, c, 5, stride, 2, false);
            case DIL_CONV_3X3 -> Ops.dilConvPreActivated(init, c, c, 3, stride, false);
            case DIL_CONV_5X5 -> Ops.dilConvPreActivated(init, c, c, 5, stride, false);
            default -> throw new IllegalArgumentException(op.text() + " has no leading ReLU to share");
        };
    }

    /**
     * A NAS-Bench-201 convolution without its leading ReLU, for inputs that are already activated; its parts keep the
     * names of {@link #nb201}'s (the ReLU's place holds an identity), so weights and checkpoints carry over.
     */
    public static Module nb201PreActivated(Init init, Nb201Op op, int c, boolean affine) {
        int k = switch (op) {
            case NOR_CONV_1X1 -> 1;
            case NOR_CONV_3X3 -> 3;
            default -> throw new IllegalArgumentException(op.text() + " has no leading ReLU to share");
        };
        return Sequential.of(new Identity(), new Conv(init, c, c, k, 1, k / 2, 1, 1, false), new BatchNorm(init, c, affine));
    }

    /** A NAS-Bench-201 operation on C channels (stride 1). */
    public static Module nb201(Init init, Nb201Op op, int c, boolean affine) {
        return switch (op) {
            case NONE -> new Zero(1);
            case SKIP_CONNECT -> new Identity();
            case NOR_CONV_1X1 -> Ops.reluConvBn(init, c, c, 1, 1, 0, affine);
            case NOR_CONV_3X3 -> Ops.reluConvBn(init, c, c, 3, 1, 1, affine);
            case AVG_POOL_3X3 -> Pool.avg(3, 1, 1);
        };
    }
}
