package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Act;
import io.jnas.nn.Ctx;
import io.jnas.nn.GlobalAvgPool;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.space.ofa.OfaLayout;

/**
 * MobileNetV3 inverted bottleneck with elastic kernel and expand (OFA, arXiv:1908.09791): 1×1 expand to
 * mid channels + BN + act, k×k depthwise (stride) + BN + act, optional squeeze-excite, 1×1 project
 * + BN, identity shortcut when stride 1 and in = out. Input (N, in, H, W), output (N, out, H/s, W/s).
 *
 * <p>Elastic kernel: one {@code maxK×maxK} depthwise weight; kernel 5 is its centre 5×5 times a
 * learned 25×25 matrix (identity at start), kernel 3 the centre of that times a 9×9 matrix.
 * Elastic expand: the first mid channels, kept meaningful by {@link #sortChannels()}.
 */
final class ElasticMbConv extends Module {
    private final int in;
    private final int out;
    private final int maxK;
    private final int maxMid;
    private final int maxSqueeze;
    private final int stride;
    private final Act.Kind act;
    private final boolean se;
    private final NDArray expand;
    private final SliceNorm bn1;
    private final NDArray depthwise;
    private final NDArray t75;
    private final NDArray t53;
    private final SliceNorm bn2;
    private final NDArray seReduce;
    private final NDArray seReduceBias;
    private final NDArray seExpand;
    private final NDArray seExpandBias;
    private final NDArray project;
    private final SliceNorm bn3;

    ElasticMbConv(Init init, int in, int out, int maxK, int maxExpand, int stride, Act.Kind act, boolean se,
            boolean elasticKernel) {
        this.in = in;
        this.out = out;
        this.maxK = maxK;
        this.maxMid = OfaLayout.middle(in, maxExpand);
        this.maxSqueeze = OfaLayout.squeeze(maxMid);
        this.stride = stride;
        this.act = act;
        this.se = se;
        expand = param("expand", init.fanIn(new Shape(maxMid, in, 1, 1), in), Param.Kind.WEIGHT);
        bn1 = child("bn1", new SliceNorm(init, maxMid));
        depthwise = param("depthwise", init.fanIn(new Shape(maxMid, 1, maxK, maxK), (long) maxK * maxK), Param.Kind.WEIGHT);
        t75 = elasticKernel && maxK >= 7 ? param("t7to5", init.eye(25), Param.Kind.WEIGHT) : null;
        t53 = elasticKernel && maxK >= 5 ? param("t5to3", init.eye(9), Param.Kind.WEIGHT) : null;
        bn2 = child("bn2", new SliceNorm(init, maxMid));
        if (se) {
            seReduce = param("se_reduce", init.fanIn(new Shape(maxSqueeze, maxMid, 1, 1), maxMid), Param.Kind.WEIGHT);
            seReduceBias = param("se_reduce_bias", init.fanIn(new Shape(maxSqueeze), maxMid), Param.Kind.BIAS);
            seExpand = param("se_expand", init.fanIn(new Shape(maxMid, maxSqueeze, 1, 1), maxSqueeze), Param.Kind.WEIGHT);
            seExpandBias = param("se_expand_bias", init.fanIn(new Shape(maxMid), maxSqueeze), Param.Kind.BIAS);
        } else {
            seReduce = seReduceBias = seExpand = seExpandBias = null;
        }
        project = param("project", init.fanIn(new Shape(out, maxMid, 1, 1), maxMid), Param.Kind.WEIGHT);
        bn3 = child("bn3", new SliceNorm(init, out));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return forward(ctx, x, maxK, maxMid);
    }

    int middle(int expandRatio) {
        return OfaLayout.middle(in, expandRatio);
    }

    /** The depthwise weight of kernel k for the first mid channels, shape (mid, 1, k, k). */
    NDArray kernel(Ctx ctx, int k, int mid) {
        if (k > maxK || k % 2 == 0 || (k < maxK && t53 == null)) {
            throw new IllegalArgumentException("kernel " + k + " is not available in a block with kernel up to " + maxK);
        }
        NDArray w = Elastic.slice(ctx, depthwise, ":" + mid);
        if (k == maxK) {
            return w;
        }
        NDArray w5 = w;
        if (maxK == 7) {
            NDArray crop = w.get("..., 1:6, 1:6").reshape(mid, 25);
            w5 = crop.matMul(t75).reshape(mid, 1, 5, 5);
        }
        if (k == 5) {
            return w5;
        }
        NDArray crop = w5.get("..., 1:4, 1:4").reshape(mid, 9);
        return crop.matMul(t53).reshape(mid, 1, 3, 3);
    }

    NDArray forward(Ctx ctx, NDArray x, int k, int mid) {
        if (mid > maxMid) {
            throw new IllegalArgumentException("expand to " + mid + " channels exceeds this block's " + maxMid);
        }
        NDArray h = Elastic.conv(ctx, x, Elastic.slice(ctx, expand, ":" + mid), null, 1, 1);
        h = Act.apply(ctx, act, bn1.forward(ctx, h, mid));
        h = Elastic.conv(ctx, h, kernel(ctx, k, mid), null, stride, mid);
        h = Act.apply(ctx, act, bn2.forward(ctx, h, mid));
        if (se) {
            int sq = OfaLayout.squeeze(mid);
            Shape s = h.getShape();
            NDArray g = GlobalAvgPool.apply(h).reshape(s.get(0), mid, 1, 1);
            g = Elastic.conv(ctx, g, Elastic.slice(ctx, seReduce, ":" + sq + ", :" + mid), Elastic.slice(ctx, seReduceBias,
                    ":" + sq), 1, 1);
            g = Act.apply(Act.Kind.RELU, g);
            g = Elastic.conv(ctx, g, Elastic.slice(ctx, seExpand, ":" + mid + ", :" + sq), Elastic.slice(ctx, seExpandBias,
                    ":" + mid), 1, 1);
            h = h.mul(Act.apply(Act.Kind.HSIGMOID, g));
        }
        h = Elastic.conv(ctx, h, Elastic.slice(ctx, project, ":, :" + mid), null, 1, 1);
        h = bn3.forward(ctx, h, out);
        return stride == 1 && in == out ? h.add(x) : h;
    }

    /** The ONNX form of {@link #forward(Ctx, NDArray, int, int)} with the same kernel and width. */
    String onnx(io.jnas.nn.onnx.OnnxGraph g, Ctx ctx, String x, int k, int mid) {
        String h = Elastic.conv(g, ctx, x, Elastic.slice(ctx, expand, ":" + mid), null, 1, 1);
        h = Act.onnx(g, act, bn1.onnx(g, ctx, h, mid));
        h = Elastic.conv(g, ctx, h, kernel(ctx, k, mid), null, stride, mid);
        h = Act.onnx(g, act, bn2.onnx(g, ctx, h, mid));
        if (se) {
            int sq = OfaLayout.squeeze(mid);
            String s = io.jnas.nn.onnx.OnnxOps.globalAvgPool(g, h);
            s = Elastic.conv(g, ctx, s, Elastic.slice(ctx, seReduce, ":" + sq + ", :" + mid), Elastic.slice(ctx, seReduceBias,
                    ":" + sq), 1, 1);
            s = Act.onnx(g, Act.Kind.RELU, s);
            s = Elastic.conv(g, ctx, s, Elastic.slice(ctx, seExpand, ":" + mid + ", :" + sq), Elastic.slice(ctx, seExpandBias,
                    ":" + mid), 1, 1);
            h = io.jnas.nn.onnx.OnnxOps.mul(g, h, Act.onnx(g, Act.Kind.HSIGMOID, s));
        }
        h = Elastic.conv(g, ctx, h, Elastic.slice(ctx, project, ":, :" + mid), null, 1, 1);
        h = bn3.onnx(g, ctx, h, out);
        return stride == 1 && in == out ? io.jnas.nn.onnx.OnnxOps.sum(g, java.util.List.of(h, x)) : h;
    }

    /**
     * Re-orders the middle channels by the L1 norm of the project weights (most important
     * first), and the squeeze channels by the L1 norm of the SE expand weights; the function
     * computed at full width is unchanged.
     */
    void sortChannels() {
        try (NoGrad ng = new NoGrad()) {
            if (se) {
                int[] sq = Elastic.descending(Elastic.l1(seExpand, 1));
                Elastic.permute(seReduce, 0, sq);
                Elastic.permute(seReduceBias, 0, sq);
                Elastic.permute(seExpand, 1, sq);
            }
            int[] order = Elastic.descending(Elastic.l1(project, 1));
            Elastic.permute(expand, 0, order);
            bn1.permute(order);
            Elastic.permute(depthwise, 0, order);
            bn2.permute(order);
            if (se) {
                Elastic.permute(seReduce, 1, order);
                Elastic.permute(seExpand, 0, order);
                Elastic.permute(seExpandBias, 0, order);
            }
            Elastic.permute(project, 1, order);
        }
    }

    /** Copies the active weights (kernel k, mid channels) into {@code t}, a block built at exactly that size. */
    void copyInto(ElasticMbConv t, int k) {
        int mid = t.maxMid;
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
             NoGrad ng = new NoGrad()) {
            Ctx ctx = new Ctx(m, false, new java.util.SplittableRandom(0), null);
            Elastic.copy(Elastic.slice(ctx, expand, ":" + mid), t.expand);
            bn1.copyInto(t.bn1);
            Elastic.copy(kernel(ctx, k, mid), t.depthwise);
            bn2.copyInto(t.bn2);
            if (se) {
                int sq = t.maxSqueeze;
                Elastic.copy(Elastic.slice(ctx, seReduce, ":" + sq + ", :" + mid), t.seReduce);
                Elastic.copy(Elastic.slice(ctx, seReduceBias, ":" + sq), t.seReduceBias);
                Elastic.copy(Elastic.slice(ctx, seExpand, ":" + mid + ", :" + sq), t.seExpand);
                Elastic.copy(Elastic.slice(ctx, seExpandBias, ":" + mid), t.seExpandBias);
            }
            Elastic.copy(Elastic.slice(ctx, project, ":, :" + mid), t.project);
            bn3.copyInto(t.bn3);
        }
    }

    void recalibrating(boolean on) {
        bn1.recalibrating(on);
        bn2.recalibrating(on);
        bn3.recalibrating(on);
    }
}
