package io.jnas.doctor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.jnas.kernel.Check;
import io.jnas.nn.Ctx;
import io.jnas.nn.DartsNetwork;
import io.jnas.nn.Losses;
import io.jnas.nn.Init;
import io.jnas.nn.Param;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.Nb201Supernet;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.nn.supernet.Supernet;
import io.jnas.space.darts.Genotype;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Whole training steps of jnas's own networks, float32 against float64: the network is built twice from one seed
 * ({@link Init#float64()} widens the same values), takes the same batch and the same mask, and the loss and the gradient
 * of every weight and α are compared; the float32 step is run twice more to see the same bits. The error of a
 * gradient is its normwise relative error |g32 − g64| / |g64|; the check reports the largest over all tensors.
 */
final class NetworkChecks {
    /** Normwise errors of a right float32 step are below 1e-5 on these networks; a wrong kernel gives 1e-2 and more. */
    static final double TOLERANCE = 1e-4;
    private static final long SEED = Long.getLong("jnas.doctor.seed", 11);
    private static final Genotype SMOOTH = Genotype.parse("Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_5x5', 1), "
            + "('dil_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_5x5', 2), ('sep_conv_3x3', 0), ('skip_connect', 3), "
            + "('avg_pool_3x3', 1)], normal_concat=[2, 3, 4, 5], reduce=[('sep_conv_3x3', 0), ('dil_conv_5x5', 1), "
            + "('skip_connect', 2), ('sep_conv_5x5', 0), ('dil_conv_3x3', 1), ('skip_connect', 0), ('avg_pool_3x3', 2), "
            + "('sep_conv_3x3', 3)], reduce_concat=[2, 3, 4, 5])");

    private NetworkChecks() {
    }

    /** The steps checked: the demo's MAE step with each decoder and a supervised DARTS step. */
    static List<Check.Result> all() {
        List<Check.Result> out = new ArrayList<>();
        out.add(check("MAE step: NB201 supernet C8, hierarchical decoder", true, true));
        out.add(check("MAE step: NB201 supernet C8, plain decoder", true, false));
        out.add(check("DARTS step: network C8 3 cells, every conv op, cross-entropy", false, false));
        return out;
    }

    private static Check.Result check(String name, boolean mae, boolean hierarchical) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<String> names = new ArrayList<>();
            double[][] a = step(m, mae, hierarchical, false, names);
            double[][] b = step(m, mae, hierarchical, true, new ArrayList<>());
            double[][] again = step(m, mae, hierarchical, false, new ArrayList<>());
            double worst = 0;
            int where = 0;
            for (int i = 0; i < a.length; i++) {
                double e = normwise(a[i], b[i]);
                if (!(e <= worst)) {
                    worst = e;
                    where = i;
                }
            }
            boolean same = Arrays.deepEquals(a, again);
            String at = where == 0 ? "loss" : "gradient of " + names.get(where - 1);
            return new Check.Result(name, JniUtils.getNumThreads(), worst, at, same, worst <= TOLERANCE && same);
        }
    }

    /** The loss, then every trainable tensor's gradient, as doubles. */
    private static double[][] step(NDManager parent, boolean mae, boolean hierarchical, boolean wide, List<String> names) {
        try (NDManager m = parent.newSubManager()) {
            Init init = wide ? new Init(m, SEED).float64() : new Init(m, SEED);
            SplittableRandom data = new SplittableRandom(SEED + 1);
            return mae ? maeStep(m, init, data, hierarchical, wide, names) : dartsStep(m, init, data, wide, names);
        }
    }

    /** The demo's search network and MAE objective (NB201 supernet C8, one cell per stage, 1x28x28 images). */
    private static double[][] maeStep(NDManager m, Init init, SplittableRandom data, boolean hierarchical, boolean wide,
            List<String> names) {
        Supernet net = new Nb201Supernet(init, 1, 8, 1, SearchOptions.PLAIN);
        MaeObjective objective = new MaeObjective(init, new MaeObjective.Config(0.5, 4, hierarchical, hierarchical, true),
                net.stageChannels(), 1, 1);
        NDArray images = batch(m, data, new Shape(8, 1, 28, 28));
        if (wide) {
            images = images.toType(DataType.FLOAT64, false);
        }
        List<Param> params = new ArrayList<>(net.trainableParameters());
        params.addAll(objective.trainableParameters());
        double[][] out = new double[params.size() + 1][];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = objective.loss(new Ctx(m, true, new SplittableRandom(SEED), null), net, images, null);
            out[0] = new double[] {loss.toType(DataType.FLOAT64, false).getDouble()};
            gc.backward(loss);
        }
        return gradients(params, out, names);
    }

    /**
     * A DARTS network whose cells use every convolution of the DARTS space (separable and dilated 3x3 and 5x5, the
     * factorized reduction, the 1x1 preprocessing) and no max pool: a max pool's gradient jumps to another pixel when
     * two inputs nearly tie, which float32 and float64 resolve differently (the supernet then differs by up to 7e-3
     * under every setting, libtorch's own convolutions included); the max pool itself is a primitive check.
     */
    private static double[][] dartsStep(NDManager m, Init init, SplittableRandom data, boolean wide, List<String> names) {
        DartsNetwork net = new DartsNetwork(init, SMOOTH, 3, 10, 8, 3, false);
        NDArray images = batch(m, data, new Shape(8, 3, 32, 32));
        if (wide) {
            images = images.toType(DataType.FLOAT64, false);
        }
        List<Param> params = net.trainableParameters();
        double[][] out = new double[params.size() + 1][];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.forward(new Ctx(m, true, new SplittableRandom(SEED), null), images);
            NDArray loss = Losses.crossEntropy(logits, m.create(new int[] {0, 1, 2, 3, 4, 5, 6, 7}), 0);
            out[0] = new double[] {loss.toType(DataType.FLOAT64, false).getDouble()};
            gc.backward(loss);
        }
        return gradients(params, out, names);
    }

    private static double[][] gradients(List<Param> params, double[][] out, List<String> names) {
        for (int i = 0; i < params.size(); i++) {
            names.add(params.get(i).name());
            out[i + 1] = params.get(i).array().getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
        }
        return out;
    }

    private static NDArray batch(NDManager m, SplittableRandom random, Shape shape) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return m.create(v, shape);
    }

    /** |a − b| / |b| (Euclidean norms); infinite when {@code a} holds a non-finite value. */
    static double normwise(double[] a, double[] b) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                return Double.POSITIVE_INFINITY;
            }
            diff += (a[i] - b[i]) * (a[i] - b[i]);
            norm += b[i] * b[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }
}
