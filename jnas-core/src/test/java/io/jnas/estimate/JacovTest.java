package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import io.jnas.data.Fixtures;
import io.jnas.data.ImageData;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Linear;
import io.jnas.nn.Network;
import org.junit.jupiter.api.Test;

class JacovTest {
    /** A linear classifier on the flattened image: every image has the same input Jacobian Wᵀ·1. */
    private static final class LinearNet extends Network {
        private final Linear fc;

        LinearNet(Init init, int features) {
            fc = child("fc", new Linear(init, features, 10));
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            return fc.forward(ctx, x.reshape(x.getShape().get(0), -1));
        }

        @Override
        public int inputChannels() {
            return 3;
        }
    }

    @Test
    void identicalJacobiansGiveTheHandComputedScore() {
        ImageData data = Fixtures.stripes(16, 4, 1);
        int batch = 8;
        ZeroCostEstimator<String> est = new ZeroCostEstimator<>("jacov", (init, a) -> new LinearNet(init, 3 * 4 * 4), a -> a,
                data, batch, 0);
        // the correlation matrix is all ones: eigenvalues 8 (once) and 0 (seven times)
        double k = 1e-5;
        double expected = -(Math.log(batch + k) + 1 / (batch + k)) - (batch - 1) * (Math.log(k) + 1 / k);
        assertThat(est.estimate("linear").value()).isCloseTo(expected, within(1e-6 * Math.abs(expected)));
    }

    @Test
    void aCellWithConvolutionsSpreadsItsJacobiansMoreThanOneWithout() {
        double[] s = ConvVsSkip.zeroCost("jacov", 16);
        assertThat(s[0]).isFinite().isGreaterThan(s[1]);
    }
}
