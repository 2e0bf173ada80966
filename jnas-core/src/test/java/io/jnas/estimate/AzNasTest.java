package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.Nb201Network;
import io.jnas.nn.Network;
import io.jnas.space.nb201.Nb201Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AZ-NAS's proxies against values computed by hand on networks whose features and Jacobians are known exactly. */
class AzNasTest {
    /** Multiplies by a fixed factor (no parameters, so the estimator's re-initialisation leaves it alone). */
    private static final class Scale extends Module {
        private final float factor;

        Scale(float factor) {
            this.factor = factor;
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            return x.mul(ctx.manager().create(factor));
        }
    }

    /** Keeps only the first {@code keep} channels of a 2-channel map (the rest become 0). */
    private static final class Mask extends Module {
        private final int keep;

        Mask(int keep) {
            this.keep = keep;
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            float[] m = keep == 2 ? new float[] {1, 1} : new float[] {1, 0};
            return x.mul(ctx.manager().create(m, new Shape(1, 2, 1, 1)));
        }
    }

    /** A network that is only its chain of blocks. */
    private static final class Chain extends Network {
        private final List<Module> blocks;

        Chain(Module... blocks) {
            this.blocks = List.of(blocks);
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            NDArray y = x;
            for (Module b : blocks) {
                y = b.forward(ctx, y);
            }
            return y;
        }

        @Override
        public List<Module> chain() {
            return blocks;
        }

        @Override
        public int inputChannels() {
            return 2;
        }
    }

    private static Score score(Network net, Shape input) {
        return new AzNasProxies<String>((init, a) -> net, a -> a, a -> 1234L, input, 0).estimate("x");
    }

    @Test
    void entropyOfAKnownCovarianceSpectrum() {
        try (NDManager m = NDManager.newBaseManager()) {
            // channel 0 takes ±√3, channel 1 ±1, independently over 4 samples: covariance diag(3, 1)
            float s = (float) Math.sqrt(3);
            NDArray f = m.create(new float[] {s, 1, s, -1, -s, 1, -s, -1}, new Shape(4, 2, 1, 1));
            double h = -(0.75 * Math.log(0.75 + 1e-8) + 0.25 * Math.log(0.25 + 1e-8));
            assertThat(AzNasProxies.entropy(f)).isCloseTo(h, within(1e-6));
            assertThat(AzNasProxies.entropy(m.zeros(new Shape(4, 2, 1, 1)))).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void expressivityProgressivityTrainabilityAndComplexityOfAKnownChain() {
        // a Gaussian input of 2 independent channels; stem keeps both (entropy close to ln 2), block 1 doubles them
        // (the same entropy, Jacobian 2·I, σ = 2), block 2 drops channel 1 (entropy 0, Jacobian diag(1, 0), σ = 1)
        Score s = score(new Chain(new Mask(2), new Scale(2f), new Mask(1)), new Shape(512, 2, 4, 4));
        // ln 2 twice (up to sampling noise), then 0
        assertThat(s.terms().get("az_expressivity")).isCloseTo(2 * Math.log(2), within(0.01));
        assertThat(s.terms().get("az_progressivity")).isCloseTo(-Math.log(2), within(0.01));
        // with ±1 output gradients, E[g_in g_outᵀ] = diag(d)·E[g_out g_outᵀ]; its σ is 2 and 1 up to sampling noise
        double expected = ((2 - 2 - 1 / 2.0) + (2 - 1 - 1 / 1.0)) / 2;
        assertThat(s.terms().get("az_trainability")).isCloseTo(expected, within(0.02));
        assertThat(s.terms().get("az_complexity")).isEqualTo(1234.0);
        assertThat(s.value()).isEqualTo(s.terms().get("az_expressivity"));
    }

    @Test
    void aBlockWhoseOutputIgnoresItsInputHasAZeroJacobian() {
        Module zeros = new Module() {
            @Override
            public NDArray forward(Ctx ctx, NDArray x) {
                return ctx.manager().zeros(x.getShape());
            }
        };
        Score s = score(new Chain(new Mask(2), zeros), new Shape(8, 2, 2, 2));
        assertThat(s.terms().get("az_trainability")).isEqualTo(2 - 1 / 1e-6);
        assertThat(s.terms().get("az_expressivity")).isEqualTo(Double.NEGATIVE_INFINITY);
        // a NAS-Bench-201 cell whose output node is fed by 'none' edges only: scored, not an error
        assertThat(nb201("|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|").terms().get("az_trainability"))
                .isLessThan(-1e5);
    }

    @Test
    void anIdentityBlockMakesTrainabilityMinusInfinity() {
        Score s = score(new Chain(new Mask(2), new Scale(1f)), new Shape(8, 2, 2, 2));
        assertThat(s.terms().get("az_trainability")).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void aCellWithConvolutionsOutscoresAnAllSkipCellOnEveryProxyButComplexity() {
        Score conv = nb201(ConvVsSkip.CONV.toString());
        Score skip = nb201(ConvVsSkip.SKIP.toString());
        assertThat(conv.terms().get("az_expressivity")).isGreaterThan(skip.terms().get("az_expressivity"));
        assertThat(conv.terms().get("az_trainability")).isGreaterThan(skip.terms().get("az_trainability"));
        assertThat(conv.terms().values()).allMatch(Double::isFinite);
    }

    private static Score nb201(String cell) {
        return new AzNasProxies<String>((init, a) -> new Nb201Network(init, Nb201Cell.parse(a), 3, 10, 8, 1), a -> a,
                a -> 0L, new Shape(16, 3, 16, 16), 0).estimate(cell);
    }
}
