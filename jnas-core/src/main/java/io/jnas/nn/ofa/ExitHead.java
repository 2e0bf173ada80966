package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Act;
import io.jnas.nn.Ctx;
import io.jnas.nn.GlobalAvgPool;
import io.jnas.nn.Init;
import io.jnas.nn.Linear;
import io.jnas.nn.Module;
import io.jnas.nn.Param;
import io.jnas.nn.Regularize;

/**
 * OFA's classification head, also used for the early exits of OFAv2: 1×1 conv to h1 + BN +
 * h-swish, global average pool, 1×1 conv to h2 (no BN) + h-swish, dropout, linear.
 * Input (N, C, H, W), logits (N, classes).
 */
final class ExitHead extends Module {
    private final NDArray expand;
    private final SliceNorm bn;
    private final NDArray mix;
    private final Linear classifier;
    private final double dropout;
    private final int h1;

    ExitHead(Init init, int in, int h1, int h2, int classes, double dropout) {
        this.h1 = h1;
        this.dropout = dropout;
        expand = param("expand", init.fanIn(new Shape(h1, in, 1, 1), in), Param.Kind.WEIGHT);
        bn = child("bn", new SliceNorm(init, h1));
        mix = param("mix", init.fanIn(new Shape(h2, h1, 1, 1), h1), Param.Kind.WEIGHT);
        classifier = child("classifier", new Linear(init, h2, classes));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray h = Act.apply(Act.Kind.HSWISH, bn.forward(ctx, Elastic.conv(ctx, x, expand, null, 1, 1)));
        h = GlobalAvgPool.apply(h).reshape(x.getShape().get(0), h1, 1, 1);
        h = Act.apply(Act.Kind.HSWISH, Elastic.conv(ctx, h, mix, null, 1, 1));
        h = Regularize.dropout(ctx, h.reshape(x.getShape().get(0), -1), dropout);
        return classifier.forward(ctx, h);
    }

    /** The inference form (dropout left out). */
    String onnx(io.jnas.nn.onnx.OnnxGraph g, Ctx ctx, String x) {
        String h = Act.onnx(g, Act.Kind.HSWISH, bn.onnx(g, ctx, Elastic.conv(g, ctx, x, expand, null, 1, 1), h1));
        h = io.jnas.nn.onnx.OnnxOps.globalAvgPool(g, h);
        h = Act.onnx(g, Act.Kind.HSWISH, Elastic.conv(g, ctx, h, mix, null, 1, 1));
        h = io.jnas.nn.onnx.OnnxOps.flatten(g, h);
        return classifier.onnx(g, h);
    }

    void copyInto(ExitHead t) {
        Elastic.copy(expand, t.expand);
        bn.copyInto(t.bn);
        Elastic.copy(mix, t.mix);
        java.util.List<Param> src = classifier.parameters();
        java.util.List<Param> dst = t.classifier.parameters();
        for (int i = 0; i < src.size(); i++) {
            Elastic.copy(src.get(i).array(), dst.get(i).array());
        }
    }

    void recalibrating(boolean on) {
        bn.recalibrating(on);
    }
}
