package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Creates parameter tensors on a model's long-lived manager with values drawn from a seeded
 * Java random stream, so that the same seed gives bit-identical initial weights everywhere
 * (libtorch's own generator is never used).
 */
public final class Init {
    private final NDManager manager;
    private final SplittableRandom random;
    private final ai.djl.ndarray.types.DataType type;

    public Init(NDManager manager, long seed) {
        this(manager, new SplittableRandom(seed), ai.djl.ndarray.types.DataType.FLOAT32);
    }

    private Init(NDManager manager, SplittableRandom random, ai.djl.ndarray.types.DataType type) {
        this.manager = manager;
        this.random = random;
        this.type = type;
    }

    /**
     * The same stream creating float64 tensors (same values, widened): for computations that
     * overflow float32, such as synflow on deep networks (its reference runs in float64).
     */
    public Init float64() {
        return new Init(manager, random, ai.djl.ndarray.types.DataType.FLOAT64);
    }

    private NDArray typed(NDArray a) {
        return type == ai.djl.ndarray.types.DataType.FLOAT32 ? a : a.toType(type, false);
    }

    public NDManager manager() {
        return manager;
    }

    /** Uniform values in [-bound, bound]. */
    public NDArray uniform(Shape shape, double bound) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return typed(manager.create(v, shape));
    }

    /** Normal values with the given standard deviation. */
    public NDArray normal(Shape shape, double std) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i += 2) {
            // Box-Muller: two independent normals per pair of uniforms
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u1));
            v[i] = (float) (std * r * Math.cos(2 * Math.PI * u2));
            if (i + 1 < v.length) {
                v[i + 1] = (float) (std * r * Math.sin(2 * Math.PI * u2));
            }
        }
        return typed(manager.create(v, shape));
    }

    /**
     * PyTorch's default for convolution and linear layers (kaiming-uniform with a = √5):
     * U(-1/√fan_in, 1/√fan_in).
     */
    public NDArray fanIn(Shape shape, long fanIn) {
        return uniform(shape, 1.0 / Math.sqrt(fanIn));
    }

    public NDArray zeros(Shape shape) {
        return manager.zeros(shape, type);
    }

    public NDArray ones(Shape shape) {
        return manager.ones(shape, type);
    }

    /** The n×n identity matrix. */
    public NDArray eye(int n) {
        return manager.eye(n).toType(type, false);
    }

    /** A child stream for a sub-component (keeps streams independent of build order). */
    public Init split() {
        return new Init(manager, new SplittableRandom(random.nextLong()), type);
    }
}
