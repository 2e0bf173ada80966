package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Act;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.Param;
import io.jnas.space.ofa.OfaSubnet;

/**
 * One block position (OFAv2, arXiv:2302.01888): the sum of up to three branches on the same input,
 * chosen by a 3-bit gene: bit 1 the elastic MBConv, bit 2 a 1×1 conv (block stride) + BN + act,
 * bit 4 a transform (3×3 max-pool when the stride is 2, 1×1 conv when the width changes) + BN + act.
 * A plain OFA block has the MBConv branch only.
 */
final class OfaBlock extends Module {
    private final int allowed;
    private final int stride;
    private final Act.Kind act;
    private final ElasticMbConv mb;
    private final NDArray conv;
    private final SliceNorm convBn;
    private final NDArray transform;
    private final SliceNorm transformBn;

    OfaBlock(Init init, int in, int out, int maxK, int maxExpand, int stride, Act.Kind act, boolean se, int allowed,
            boolean elastic) {
        this.allowed = allowed;
        this.stride = stride;
        this.act = act;
        mb = OfaSubnet.has(allowed, OfaSubnet.MBCONV)
                ? child("mb", new ElasticMbConv(init, in, out, maxK, maxExpand, stride, act, se, elastic)) : null;
        if (OfaSubnet.has(allowed, OfaSubnet.CONV1X1)) {
            conv = param("conv", init.fanIn(new Shape(out, in, 1, 1), in), Param.Kind.WEIGHT);
            convBn = child("conv_bn", new SliceNorm(init, out));
        } else {
            conv = null;
            convBn = null;
        }
        if (OfaSubnet.has(allowed, OfaSubnet.TRANSFORM)) {
            transform = in != out ? param("transform", init.fanIn(new Shape(out, in, 1, 1), in), Param.Kind.WEIGHT) : null;
            transformBn = child("transform_bn", new SliceNorm(init, out));
        } else {
            transform = null;
            transformBn = null;
        }
    }

    /** The block's stride (2 for the first block of a stage that halves the resolution). */
    int stride() {
        return stride;
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        throw new UnsupportedOperationException("an OFA block runs with its active kernel, expand and branches");
    }

    NDArray forward(Ctx ctx, NDArray x, int k, int expandRatio, int branches) {
        if ((branches & ~allowed) != 0 || branches == 0) {
            throw new IllegalArgumentException("branch gene " + branches + " is not available in a block with branches " + allowed);
        }
        NDArray y = null;
        if (OfaSubnet.has(branches, OfaSubnet.MBCONV)) {
            y = mb.forward(ctx, x, k, mb.middle(expandRatio));
        }
        if (OfaSubnet.has(branches, OfaSubnet.CONV1X1)) {
            NDArray b = Act.apply(ctx, act, convBn.forward(ctx, Elastic.conv(ctx, x, conv, null, stride, 1)));
            y = y == null ? b : y.add(b);
        }
        if (OfaSubnet.has(branches, OfaSubnet.TRANSFORM)) {
            // pooling is not counted as MACs (OFA's counter counts convs and linear layers)
            NDArray c = stride == 1 ? x : ai.djl.nn.pooling.Pool.maxPool2d(x, new Shape(3, 3), new Shape(stride, stride),
                    new Shape(1, 1), false);
            if (transform != null) {
                c = Elastic.conv(ctx, c, transform, null, 1, 1);
            }
            c = Act.apply(ctx, act, transformBn.forward(ctx, c));
            y = y == null ? c : y.add(c);
        }
        return y;
    }

    /** The ONNX form of {@link #forward(Ctx, NDArray, int, int, int)}. */
    String onnx(io.jnas.nn.onnx.OnnxGraph g, Ctx ctx, String x, int k, int expandRatio, int branches) {
        java.util.List<String> terms = new java.util.ArrayList<>();
        if (OfaSubnet.has(branches, OfaSubnet.MBCONV)) {
            terms.add(mb.onnx(g, ctx, x, k, mb.middle(expandRatio)));
        }
        if (OfaSubnet.has(branches, OfaSubnet.CONV1X1)) {
            terms.add(Act.onnx(g, act, convBn.onnx(g, ctx, Elastic.conv(g, ctx, x, conv, null, stride, 1), convBn.width())));
        }
        if (OfaSubnet.has(branches, OfaSubnet.TRANSFORM)) {
            String c = x;
            if (stride != 1) {
                NDArray v = ai.djl.nn.pooling.Pool.maxPool2d(g.value(x), new Shape(3, 3), new Shape(stride, stride),
                        new Shape(1, 1), false);
                c = io.jnas.nn.onnx.OnnxOps.pool(g, x, true, 3, stride, 1, false, v);
            }
            if (transform != null) {
                c = Elastic.conv(g, ctx, c, transform, null, 1, 1);
            }
            terms.add(Act.onnx(g, act, transformBn.onnx(g, ctx, c, transformBn.width())));
        }
        return io.jnas.nn.onnx.OnnxOps.sum(g, terms);
    }

    void sortChannels() {
        if (mb != null) {
            mb.sortChannels();
        }
    }

    void copyInto(OfaBlock t, int k) {
        if (t.mb != null) {
            mb.copyInto(t.mb, k);
        }
        if (t.conv != null) {
            Elastic.copy(conv, t.conv);
            convBn.copyInto(t.convBn);
        }
        if (t.transformBn != null) {
            if (transform != null) {
                Elastic.copy(transform, t.transform);
            }
            transformBn.copyInto(t.transformBn);
        }
    }

    void recalibrating(boolean on) {
        if (mb != null) {
            mb.recalibrating(on);
        }
        if (convBn != null) {
            convBn.recalibrating(on);
        }
        if (transformBn != null) {
            transformBn.recalibrating(on);
        }
    }
}
