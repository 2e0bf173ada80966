package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.kernel.Layout;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.nn.supernet.DartsSupernet;
import io.jnas.nn.supernet.Nb201Supernet;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.nn.supernet.Supernet;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Channels-last feature maps ({@link Layout}) give the NCHW results: the same outputs and gradients within rounding. */
class ChannelsLastTest {
    private final boolean before = Layout.channelsLast();

    @AfterEach
    void restore() {
        Layout.set(before);
    }

    @Test
    void aConvolutionKeepsTheLayoutItIsGivenAndTheValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(2, 8, 6, 6));
            NDArray cl = Layout.toChannelsLast(x);
            assertThat(Layout.contiguous(x)).isTrue();
            assertThat(Layout.contiguous(cl)).isFalse();
            assertThat(cl.getShape()).isEqualTo(x.getShape());
            assertThat(cl.sub(x).abs().max().getFloat()).isZero();
            Layout.set(true);
            Conv conv = new Conv(new Init(m, 1), 8, 8, 3, 1, 1, 1, 1, false);
            NDArray y = conv.forward(Ctx.eval(m), x);
            assertThat(Layout.contiguous(y)).as("the output of a channels-last convolution is channels-last").isFalse();
            Layout.set(false);
            NDArray ref = conv.forward(Ctx.eval(m), x);
            assertThat(Layout.contiguous(ref)).isTrue();
            assertThat(y.sub(ref).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void aDartsSupernetStepHasTheSameLossAndGradientsInBothLayouts() {
        compare(init -> new DartsSupernet(init, 3, 8, 3, SearchOptions.PLAIN), ChannelsLastTest::features, 16);
    }

    @Test
    void aNasBench201SupernetStepHasTheSameLossAndGradientsInBothLayouts() {
        compare(init -> new Nb201Supernet(init, 3, 8, 1, SearchOptions.PLAIN), ChannelsLastTest::features, 16);
    }

    @Test
    void anOfaV2SubnetTrainingStepHasTheSameLossAndGradientsInBothLayouts() {
        OfaSubnet s = new OfaSpace(List.of(32), List.of(1.0), true, true).sample(new SplittableRandom(5));
        compare(init -> OfaNetwork.supernet(init, new OfaNetwork.Spec(3, 10, 1.0, true, true, true, 0), 32),
                (net, ctx, x) -> ((OfaNetwork) net).activate(s).forward(ctx, x).square().sum(), 32);
    }

    /** The network's loss on a batch. */
    private interface Loss {
        NDArray of(Module net, Ctx ctx, NDArray x);
    }

    private static NDArray features(Module net, Ctx ctx, NDArray x) {
        Supernet.Features f = ((Supernet) net).features(ctx, x, null);
        return f.f1().square().sum().add(f.f2().square().sum()).add(f.f3().square().sum());
    }

    /** The loss and its gradient for every trainable parameter (weights and α), in NCHW and in NHWC. */
    private static void compare(Function<Init, Module> build, Loss loss, int size) {
        List<float[]> nchw = step(build, loss, size, false);
        List<float[]> nhwc = step(build, loss, size, true);
        assertThat(nhwc).hasSameSizeAs(nchw);
        for (int i = 0; i < nchw.size(); i++) {
            float[] a = nchw.get(i);
            float[] b = nhwc.get(i);
            double scale = 0;
            double diff = 0;
            for (int j = 0; j < a.length; j++) {
                assertThat(Float.isFinite(b[j])).isTrue();
                scale = Math.max(scale, Math.abs(a[j]));
                diff = Math.max(diff, Math.abs(a[j] - b[j]));
            }
            assertThat(diff).as("array %d (0 = the loss, then each parameter's gradient)", i)
                    .isLessThanOrEqualTo(1e-4 * scale + 1e-7);
        }
    }

    private static List<float[]> step(Function<Init, Module> build, Loss loss, int size, boolean channelsLast) {
        Layout.set(channelsLast);
        try (NDManager m = NDManager.newBaseManager()) {
            Module net = build.apply(new Init(m, 7));
            NDArray x = new Init(m, 11).normal(new Shape(4, 3, size, size), 1);
            List<float[]> out = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.of(net, new Ctx(m, true, new SplittableRandom(3), null), x);
                out.add(l.toFloatArray());
                gc.backward(l);
            }
            for (Param p : net.parameters()) {
                if (p.kind().trainable() && p.array().hasGradient()) {
                    out.add(p.array().getGradient().toFloatArray());
                }
            }
            return out;
        }
    }
}
