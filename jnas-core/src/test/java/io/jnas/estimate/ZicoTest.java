package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.Fixtures;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Linear;
import io.jnas.nn.Network;
import org.junit.jupiter.api.Test;

/** ZiCo against its definition computed by hand on a linear classifier, and its order on two NB201 cells. */
class ZicoTest {
    private static final int FEATURES = 3 * 4 * 4;

    /** A linear classifier on the flattened image; remembers its initial weight and bias. */
    private static final class LinearNet extends Network {
        private final Linear fc;
        final float[] w;
        final float[] b;

        LinearNet(Init init) {
            fc = child("fc", new Linear(init, FEATURES, 10));
            w = fc.parameters().get(0).array().toFloatArray();
            b = fc.parameters().get(1).array().toFloatArray();
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

    /** ∂(mean cross-entropy)/∂W of batch {@code k} (images k, k + 2, ...; the estimator's batches of 8 out of 16). */
    private static double[] gradient(LinearNet net, ImageData data, int k) {
        int batch = 8;
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = 2 * i + k;
        }
        double[] g = new double[10 * FEATURES];
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = new Batcher(data, Normalization.of(data), Augment.NONE).batch(m, idx, 0, batch, null).x().toFloatArray();
            for (int i = 0; i < batch; i++) {
                double[] z = new double[10];
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 10; c++) {
                    z[c] = net.b[c];
                    for (int f = 0; f < FEATURES; f++) {
                        z[c] += net.w[c * FEATURES + f] * x[i * FEATURES + f];
                    }
                    max = Math.max(max, z[c]);
                }
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    sum += Math.exp(z[c] - max);
                }
                for (int c = 0; c < 10; c++) {
                    double dz = (Math.exp(z[c] - max) / sum - (c == data.label(idx[i]) ? 1 : 0)) / batch;
                    for (int f = 0; f < FEATURES; f++) {
                        g[c * FEATURES + f] += dz * x[i * FEATURES + f];
                    }
                }
            }
        }
        return g;
    }

    @Test
    void linearClassifierGivesTheHandComputedScore() {
        ImageData data = Fixtures.stripes(16, 4, 1);
        LinearNet[] built = new LinearNet[1];
        ZeroCostEstimator<String> est = new ZeroCostEstimator<>("zico", (init, a) -> built[0] = new LinearNet(init), a -> a,
                data, 8, 0);
        double got = est.estimate("linear").value();
        double[] g0 = gradient(built[0], data, 0);
        double[] g1 = gradient(built[0], data, 1);
        double sum = 0;
        for (int e = 0; e < g0.length; e++) {
            double mean = (Math.abs(g0[e]) + Math.abs(g1[e])) / 2;
            double std = Math.abs(g0[e] - g1[e]) / 2;
            if (std > 0) {
                sum += mean / std;
            }
        }
        // one weight (the bias is not a conv or linear weight): ZiCo is the log of its sum
        assertThat(got).isCloseTo(Math.log(sum), within(1e-3));
    }

    @Test
    void aCellWithConvolutionsScoresAboveAnAllSkipCell() {
        double[] s = ConvVsSkip.zeroCost("zico", 32);
        assertThat(s[0]).isFinite().isGreaterThan(s[1]);
    }
}
