package io.jnas.nn.onnx;

import static io.jnas.nn.onnx.OnnxGraph.attr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard ONNX operators jnas's inference networks map to (opset 13 or later). Each method adds one node and
 * binds its output to the value jnas computes for it: the value is given by the caller where a module's own forward
 * computed it, and computed here for the parameter-free glue (add, concat, slice, flatten).
 */
public final class OnnxOps {
    private OnnxOps() {
    }

    /** Conv with optional bias; the value is the module's own output. */
    public static String conv(OnnxGraph g, String x, NDArray weight, NDArray bias, int stride, int pad, int dilation, int groups,
            NDArray value) {
        List<String> in = new ArrayList<>(List.of(x, g.constant("conv.weight", weight)));
        if (bias != null) {
            in.add(g.constant("conv.bias", bias));
        }
        long k = weight.getShape().get(2);
        return g.node("Conv", in, value, attr("kernel_shape", new long[] {k, k}), attr("strides", new long[] {stride, stride}),
                attr("pads", new long[] {pad, pad, pad, pad}), attr("dilations", new long[] {dilation, dilation}),
                attr("group", groups));
    }

    /** BatchNormalization in inference form. */
    public static String batchNorm(OnnxGraph g, String x, NDArray gamma, NDArray beta, NDArray mean, NDArray var, double eps,
            NDArray value) {
        return g.node("BatchNormalization", List.of(x, g.constant("bn.scale", gamma), g.constant("bn.bias", beta),
                g.constant("bn.mean", mean), g.constant("bn.var", var)), value, attr("epsilon", (float) eps));
    }

    /** A one-input operator without attributes (Relu, Sigmoid, HardSwish, Identity...). */
    public static String unary(OnnxGraph g, String op, String x, NDArray value) {
        return g.node(op, List.of(x), value);
    }

    /** Clip to [lo, hi] (ReLU6). */
    public static String clip(OnnxGraph g, String x, float lo, float hi, NDArray value) {
        NDArray v = g.value(x);
        return g.node("Clip", List.of(x, g.constant("clip.min", v.getManager().create(lo)),
                g.constant("clip.max", v.getManager().create(hi))), value);
    }

    /** HardSigmoid with PyTorch's h-sigmoid constants: ReLU6(x + 3) / 6. */
    public static String hardSigmoid(OnnxGraph g, String x, NDArray value) {
        return g.node("HardSigmoid", List.of(x), value, attr("alpha", 1f / 6f), attr("beta", 0.5f));
    }

    /** Element-wise product (broadcasting). */
    public static String mul(OnnxGraph g, String a, String b) {
        return g.node("Mul", List.of(a, b), g.value(a).mul(g.value(b)));
    }

    /** Sum of the given values (null entries, zero operations, are left out); null when all are null. */
    public static String sum(OnnxGraph g, List<String> terms) {
        String acc = null;
        for (String t : terms) {
            if (t == null) {
                continue;
            }
            acc = acc == null ? t : g.node("Add", List.of(acc, t), g.value(acc).add(g.value(t)));
        }
        return acc;
    }

    /** Zeros shaped like {@code x} (x·0, so the batch size stays free). */
    public static String zerosLike(OnnxGraph g, String x) {
        NDArray v = g.value(x);
        return g.node("Mul", List.of(x, g.constant("zero", v.getManager().create(0f))), v.zerosLike());
    }

    /** Concatenation along {@code axis}. */
    public static String concat(OnnxGraph g, List<String> parts, int axis) {
        NDList vs = new NDList();
        parts.forEach(p -> vs.add(g.value(p)));
        return g.node("Concat", parts, NDArrays.concat(vs, axis), attr("axis", axis));
    }

    /** Slice of axes 2 and 3 from {@code start} to the end (FactorizedReduce's shifted input). */
    public static String sliceSpatial(OnnxGraph g, String x, int start) {
        NDArray v = g.value(x).get(new NDIndex(":, :, " + start + ":, " + start + ":"));
        return g.node("Slice", List.of(x, g.ints("slice.starts", start, start), g.ints("slice.ends", Long.MAX_VALUE, Long.MAX_VALUE),
                g.ints("slice.axes", 2, 3)), v);
    }

    /** AveragePool or MaxPool, k×k. */
    public static String pool(OnnxGraph g, String x, boolean max, int kernel, int stride, int pad, boolean countPad,
            NDArray value) {
        OnnxGraph.Attr[] a = {attr("kernel_shape", new long[] {kernel, kernel}), attr("strides", new long[] {stride, stride}),
            attr("pads", new long[] {pad, pad, pad, pad})};
        if (max) {
            return g.node("MaxPool", List.of(x), value, a);
        }
        return g.node("AveragePool", List.of(x), value, a[0], a[1], a[2], attr("count_include_pad", countPad ? 1 : 0));
    }

    /** (N, C, H, W) → (N, C): GlobalAveragePool then Flatten. */
    public static String globalAvgPoolFlat(OnnxGraph g, String x) {
        NDArray v = g.value(x);
        NDArray pooled = gap(v);
        String p = g.node("GlobalAveragePool", List.of(x), pooled);
        return g.node("Flatten", List.of(p), pooled.reshape(v.getShape().get(0), v.getShape().get(1)), attr("axis", 1));
    }

    /** Bilinear resize of (N, C, H, W) to size×size (PyTorch's align_corners=False: ONNX half_pixel). */
    public static String resizeBilinear(OnnxGraph g, String x, int size, NDArray value) {
        NDArray v = g.value(x);
        float[] scales = {1f, 1f, (float) size / v.getShape().get(2), (float) size / v.getShape().get(3)};
        return g.node("Resize", List.of(x, "", g.constant("resize.scales", v.getManager().create(scales))), value,
                attr("mode", "linear"), attr("coordinate_transformation_mode", "half_pixel"));
    }

    /** (N, C, 1, 1) → (N, C). */
    public static String flatten(OnnxGraph g, String x) {
        NDArray v = g.value(x);
        return g.node("Flatten", List.of(x), v.reshape(v.getShape().get(0), -1), attr("axis", 1));
    }

    /** (N, C, H, W) → (N, C, 1, 1). */
    public static String globalAvgPool(OnnxGraph g, String x) {
        return g.node("GlobalAveragePool", List.of(x), gap(g.value(x)));
    }

    private static NDArray gap(NDArray v) {
        return ai.djl.nn.pooling.Pool.globalAvgPool2d(v).reshape(v.getShape().get(0), v.getShape().get(1), 1, 1);
    }

    /** Fully connected: x·Wᵀ + b. */
    public static String gemm(OnnxGraph g, String x, NDArray weight, NDArray bias, NDArray value) {
        return g.node("Gemm", List.of(x, g.constant("fc.weight", weight), g.constant("fc.bias", bias)), value,
                attr("transB", 1));
    }
}
