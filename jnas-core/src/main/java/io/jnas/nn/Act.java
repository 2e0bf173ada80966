package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Parameter-free element-wise activations; shape is unchanged. */
public final class Act extends Module {

    /** The supported activation functions. */
    public enum Kind {
        RELU, RELU6, HSWISH, HSIGMOID, SIGMOID, IDENTITY;

        /** Parses a name such as {@code relu} or {@code h_swish}. */
        public static Kind parse(String name) {
            String n = name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
            return switch (n) {
                case "relu" -> RELU;
                case "relu6" -> RELU6;
                case "hswish" -> HSWISH;
                case "hsigmoid" -> HSIGMOID;
                case "sigmoid" -> SIGMOID;
                case "identity", "none", "linear" -> IDENTITY;
                default -> throw new IllegalArgumentException(
                        "unknown activation '" + name + "' (allowed: relu, relu6, h_swish, h_sigmoid, sigmoid, identity)");
            };
        }
    }

    private final Kind kind;

    public Act(Kind kind) {
        this.kind = kind;
    }

    public static Act relu() {
        return new Act(Kind.RELU);
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return apply(ctx, kind, x);
    }

    /**
     * {@code kind} applied to {@code x}; a ReLU's or h-swish's output is shown to the context's activation observer (NASWOT's
     * codes: h-swish(x) > 0 exactly where ReLU(x) > 0), so that networks built of either are scored alike.
     */
    public static NDArray apply(Ctx ctx, Kind kind, NDArray x) {
        if (kind == Kind.RELU) {
            return ctx.relu(x);
        }
        NDArray y = apply(kind, x);
        if (kind == Kind.HSWISH) {
            ctx.observe(y);
        }
        return y;
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return onnx(g, kind, x);
    }

    /** The ONNX form of {@code kind} on {@code x}: Relu, Clip, Sigmoid, HardSigmoid and x·HardSigmoid(x) for h-swish. */
    public static String onnx(io.jnas.nn.onnx.OnnxGraph g, Kind kind, String x) {
        NDArray v = g.value(x);
        return switch (kind) {
            case RELU -> io.jnas.nn.onnx.OnnxOps.unary(g, "Relu", x, apply(kind, v));
            case RELU6 -> io.jnas.nn.onnx.OnnxOps.clip(g, x, 0, 6, apply(kind, v));
            case SIGMOID -> io.jnas.nn.onnx.OnnxOps.unary(g, "Sigmoid", x, apply(kind, v));
            case HSIGMOID -> io.jnas.nn.onnx.OnnxOps.hardSigmoid(g, x, apply(kind, v));
            case HSWISH -> io.jnas.nn.onnx.OnnxOps.mul(g, x, io.jnas.nn.onnx.OnnxOps.hardSigmoid(g, x, apply(Kind.HSIGMOID, v)));
            case IDENTITY -> x;
        };
    }

    /** Applies {@code kind} to {@code x}. h-swish(x) = x·ReLU6(x+3)/6, h-sigmoid(x) = ReLU6(x+3)/6. */
    public static NDArray apply(Kind kind, NDArray x) {
        return switch (kind) {
            case RELU -> Activation.relu(x);
            case RELU6 -> x.clip(0, 6);
            case HSWISH -> Scalar.div(x.add(3f).clip(0, 6).mul(x), 6);
            case HSIGMOID -> Scalar.div(x.add(3f).clip(0, 6), 6);
            case SIGMOID -> Activation.sigmoid(x);
            case IDENTITY -> x;
        };
    }
}
