package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication and division by a constant that stay correct in the backward pass. DJL's {@code mul(Number)} and
 * {@code div(Number)} wrap the constant in a tensor over a Java direct buffer and close that tensor right after the
 * call, while libtorch's autograd keeps it for the backward pass (the gradient of x·c needs c). After a garbage
 * collection the buffer's memory is freed and reused, and the backward pass reads whatever is there: gradients that
 * differ from run to run, and now and then a finite loss with an infinite or NaN gradient. Here the constant is a
 * tensor that libtorch allocates and owns, so autograd's reference keeps it alive.
 */
public final class Scalar {
    private Scalar() {
    }

    /** A 0-dimensional tensor of {@code v} with {@code like}'s type, owned by libtorch. */
    public static NDArray of(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType());
    }

    /** {@code x · v}. */
    public static NDArray mul(NDArray x, double v) {
        try (NDArray c = of(x, v)) {
            return x.mul(c);
        }
    }

    /** {@code x / v}. */
    public static NDArray div(NDArray x, double v) {
        try (NDArray c = of(x, v)) {
            return x.div(c);
        }
    }
}
