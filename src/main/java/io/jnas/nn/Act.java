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
        return kind == Kind.RELU ? ctx.relu(x) : apply(kind, x);
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
