package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.data.Fixtures;
import io.jnas.data.ImageData;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Nb201Network;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.run.Seeds;
import io.jnas.space.nb201.Nb201Cell;
import org.junit.jupiter.api.Test;

class SynflowTest {
    private static final String CONV = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";

    /** The textbook computation: all-ones input, |θ|, Σ|θ·∂R/∂θ| in float32. */
    private static double naive(Network net, NDManager m, int size) {
        try (NoGrad ng = new NoGrad()) {
            for (Param p : net.trainableParameters()) {
                p.array().set(p.array().abs().toFloatArray());
            }
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(net.forward(new Ctx(m, false, Seeds.stream(0, 1), null), m.ones(new Shape(1, 3, size, size))).sum());
        }
        double s = 0;
        for (Param p : net.trainableParameters()) {
            NDArray g = p.array().getGradient();
            s += p.array().mul(g).abs().sum().toType(DataType.FLOAT64, false).getDouble();
            g.close();
        }
        return s;
    }

    @Test
    void float64ComputationMatchesTheTextbookOneAndDoesNotOverflow() {
        ImageData data = Fixtures.stripes(8, 8, 1);
        Nb201Cell cell = Nb201Cell.parse(CONV);
        // shallow: both computations are finite and agree
        ZeroCostEstimator<Nb201Cell> small = new ZeroCostEstimator<>("synflow",
                (init, a) -> new Nb201Network(init, a, 3, 10, 4, 1), Nb201Cell::toString, data, 8, 0);
        double ours = small.estimate(cell).value();
        double ref;
        try (NDManager m = NDManager.newBaseManager()) {
            ref = naive(new Nb201Network(new Init(m, Seeds.mix(0, CONV.hashCode())), cell, 3, 10, 4, 1), m, 8);
        }
        assertThat(ours).isCloseTo(ref, within(1e-3 * ref));
        // deep and wide: the float32 textbook value overflows, ours stays finite
        ImageData big = Fixtures.stripes(4, 32, 2);
        ZeroCostEstimator<Nb201Cell> deep = new ZeroCostEstimator<>("synflow",
                (init, a) -> new Nb201Network(init, a, 3, 10, 16, 5), Nb201Cell::toString, big, 4, 0);
        double v = deep.estimate(cell).value();
        assertThat(v).isFinite().isGreaterThan(ref);
        try (NDManager m = NDManager.newBaseManager()) {
            double naiveDeep = naive(new Nb201Network(new Init(m, Seeds.mix(0, CONV.hashCode())), cell, 3, 10, 16, 5), m, 32);
            assertThat(Double.isFinite(naiveDeep)).as("the float32 textbook value overflows here").isFalse();
        }
    }
}
