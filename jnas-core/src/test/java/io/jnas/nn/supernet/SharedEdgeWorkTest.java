package io.jnas.nn.supernet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The edges of a search cell that read one state share its ReLU and pools (with their batch norms): the loss and every
 * gradient, α's included, must be what each edge computing for itself gives, within float rounding of the sums' order.
 */
class SharedEdgeWorkTest {
    private static final long SEED = 11;

    /** Loss, then each trainable parameter's gradient, of one training-mode pass with or without shared edge work. */
    private static List<float[]> pass(Function<Init, Supernet> build, boolean share, int channels, int size) {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = build.apply(new Init(m, SEED));
            net.shareEdgeWork(share);
            SplittableRandom r = new SplittableRandom(SEED);
            NDArray x = m.create(random(r, 4 * channels * size * size), new Shape(4, channels, size, size));
            List<Param> params = net.trainableParameters();
            List<float[]> out = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Supernet.Features f = net.features(new Ctx(m, true, new SplittableRandom(SEED), null), x, null);
                // fixed random projections of every stage's features, so that no gradient is symmetric by accident
                NDArray loss = f.f1().mul(m.create(random(r, (int) f.f1().size()), f.f1().getShape())).sum()
                        .add(f.f2().mul(m.create(random(r, (int) f.f2().size()), f.f2().getShape())).sum())
                        .add(f.f3().mul(m.create(random(r, (int) f.f3().size()), f.f3().getShape())).sum());
                out.add(new float[] {loss.getFloat()});
                gc.backward(loss);
            }
            for (Param p : params) {
                out.add(p.array().getGradient().toFloatArray());
            }
            return out;
        }
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    /** At 32×32 the first cell's dilated convolutions work on phases (which the edges of a state share), then not. */
    private static void assertSame(Function<Init, Supernet> build, int size) {
        List<float[]> shared = pass(build, true, 3, size);
        List<float[]> alone = pass(build, false, 3, size);
        assertThat(shared).hasSameSizeAs(alone);
        double worst = 0;
        for (int i = 0; i < shared.size(); i++) {
            float[] a = shared.get(i);
            float[] b = alone.get(i);
            assertThat(a).hasSameSizeAs(b);
            double diff = 0;
            double norm = 0;
            for (int k = 0; k < a.length; k++) {
                diff += (a[k] - b[k]) * (double) (a[k] - b[k]);
                norm += b[k] * (double) b[k];
            }
            worst = Math.max(worst, Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-6));
        }
        assertThat(worst).as("largest relative difference over the loss and %d gradients", shared.size() - 1)
                .isLessThan(1e-4);
    }

    @Test
    void dartsEdgesThatShareAStateComputeWhatEachWouldAlone() {
        assertSame(init -> new DartsSupernet(init, 3, 8, 3, SearchOptions.PLAIN), 32);
        assertSame(init -> new DartsSupernet(init, 3, 8, 3, new SearchOptions(2, true)), 16);
    }

    @Test
    void nb201EdgesThatShareANodeComputeWhatEachWouldAlone() {
        assertSame(init -> new Nb201Supernet(init, 3, 8, 1, SearchOptions.PLAIN), 16);
        assertSame(init -> new Nb201Supernet(init, 3, 8, 1, new SearchOptions(2, true)), 16);
    }

    @Test
    void theEdgesOfOneStateHoldOnePoolAndItsBatchNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            DartsSupernet net = new DartsSupernet(new Init(m, SEED), 3, 8, 3, SearchOptions.PLAIN);
            // cell 0, a normal cell: edges 0, 2, 5 and 9 read state 0; their max pools' batch norms are one array
            var arrays = net.namedArrays();
            NDArray first = arrays.get("cells.0.edges.0.ops.1.1.running_mean");
            for (int edge : new int[] {2, 5, 9}) {
                assertThat(arrays.get("cells.0.edges." + edge + ".ops.1.1.running_mean")).isSameAs(first);
            }
            assertThat(arrays.get("cells.0.edges.1.ops.1.1.running_mean")).isNotSameAs(first);
        }
    }
}
