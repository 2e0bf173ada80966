package io.jnas.kernel;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One primitive checked the way a wrong kernel shows itself: the operation on seeded inputs in float32 against the same
 * operation in float64, forward (the output) and backward (the gradient of every input, under a seeded upstream
 * gradient), and run twice in float32 to see that it gives the same bits. The error is max|a − b| / max|b| over every
 * output and gradient; a non-finite value counts as an infinite error.
 *
 * @param name what is checked, with its shapes, e.g. {@code conv2d 24→24 k3 s1 d1 g1 16px}
 * @param inputs the shapes of the operation's inputs (all differentiable)
 * @param fn the operation
 * @param tolerance the largest error accepted
 */
public record Check(String name, long[][] inputs, Function<NDArray[], NDArray> fn, double tolerance) {

    /** The names of a convolution's inputs, for messages. */
    private static final String[] CONV_ARGS = {"input", "weight", "bias"};

    /** The error float32 reaches on the checked shapes with right kernels is below 1e-5; wrong ones are above 1e-2. */
    public static final double TOLERANCE = 1e-4;

    /** What one check found. */
    public record Result(String name, int threads, double error, String where, boolean deterministic, boolean ok) {
        /** One line for a table: the check, the thread count, its error and, when it fails, where it is largest. */
        public String line() {
            return String.format(java.util.Locale.ROOT, "%-4s %-46s %d thread%s  error %.1e%s%s", ok ? "ok" : "FAIL", name,
                    threads, threads == 1 ? " " : "s", error, ok ? "" : " in the " + where,
                    deterministic ? "" : "; two same-seed runs differ");
        }

        /** One phrase for a message, e.g. {@code conv2d 8→1 k3 s1 d1 g1 28px at 2 threads: error 8.1e-01 in the ...}. */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%s at %d thread%s: error %.1e in the %s%s", name, threads,
                    threads == 1 ? "" : "s", error, where, deterministic ? "" : ", and two same-seed runs differ");
        }
    }

    /** Runs the check on its own sub-manager of {@code parent} at libtorch's current thread count. */
    public Result run(NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            SplittableRandom random = new SplittableRandom(name.hashCode());
            NDArray[] x32 = new NDArray[inputs.length];
            NDArray[] x64 = new NDArray[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                x32[i] = normal(m, random, new Shape(inputs[i]));
                x64[i] = x32[i].toType(DataType.FLOAT64, true);
            }
            NDArray[] a = pass(x32, null, random);
            NDArray[] b = pass(x64, a[a.length - 1].toType(DataType.FLOAT64, true), random);
            NDArray[] again = pass(x32, a[a.length - 1], random);
            double worst = 0;
            String where = "output";
            boolean same = true;
            for (int i = 0; i < a.length - 1; i++) {
                double e = relative(a[i], b[i]);
                if (!(e <= worst)) {
                    worst = e;
                    where = i == 0 ? "output" : "gradient of the " + argument(i - 1);
                }
                same &= Arrays.equals(a[i].toByteArray(), again[i].toByteArray());
            }
            return new Result(name, ai.djl.pytorch.jni.JniUtils.getNumThreads(), worst, where, same, worst <= tolerance && same);
        }
    }

    /** Output, the gradient of each input, then the upstream gradient used (drawn when {@code gy} is null). */
    private NDArray[] pass(NDArray[] x0, NDArray gy, SplittableRandom random) {
        NDArray[] x = new NDArray[x0.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = x0[i].duplicate();
            x[i].setRequiresGradient(true);
        }
        NDArray y;
        NDArray up = gy;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            y = fn.apply(x);
            if (up == null) {
                up = normal(y.getManager(), random, y.getShape());
            }
            gc.backward(y.mul(up).sum());
        }
        NDArray[] out = new NDArray[x.length + 2];
        out[0] = y;
        for (int i = 0; i < x.length; i++) {
            out[i + 1] = x[i].getGradient().duplicate();
        }
        out[x.length + 1] = up;
        return out;
    }

    private String argument(int i) {
        return name.startsWith("conv2d") ? CONV_ARGS[i] : inputs.length == 1 ? "input" : "input " + (i + 1);
    }

    private static double relative(NDArray a, NDArray b) {
        double[] x = a.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] y = b.toDoubleArray();
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                return Double.POSITIVE_INFINITY;
            }
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
            scale = Math.max(scale, Math.abs(y[i]));
        }
        return scale == 0 ? diff : diff / scale;
    }

    /** Standard normal values from the Java stream (libtorch's generator is not used: the same inputs everywhere). */
    static NDArray normal(NDManager m, SplittableRandom random, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return m.create(v, shape);
    }
}
