package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CostAndLayersTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void dartsV2HasThePublishedParameterCount() {
        Network net = new DartsNetwork(new Init(m, 0), Genotype.DARTS_V2, 3, 10, 36, 20, true);
        Cost c = Cost.of(net, m, 3, 32, 32);
        assertThat(c.params()).isEqualTo(3_349_342L);
        // DARTS reports ~528M multiply-adds for this network
        assertThat(c.macs()).isBetween(500_000_000L, 560_000_000L);
        assertThat(Cost.countParams(net)).isLessThan(net.trainableParameters().stream().mapToLong(Param::size).sum());
    }

    @Test
    void nb201CellsHaveTheBenchmarkSizes() {
        Nb201Cell conv = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        // NAS-Bench-201 lists 1.5316 M parameters for this cell on CIFAR-10
        assertThat(Cost.of(new Nb201Network(new Init(m, 0), conv, 3, 10, 16, 5), m, 3, 32, 32).params()).isEqualTo(1_531_546L);
        Nb201Cell none = Nb201Cell.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        assertThat(Cost.of(new Nb201Network(new Init(m, 0), none, 3, 10, 16, 5), m, 3, 32, 32).params()).isEqualTo(73_306L);
    }

    /**
     * FLOPs as NAS-Bench-201 publishes them (in millions, 5 decimals, as its API returns them; values quoted in
     * D-X-Y/NATS-Bench issues 24 and 36): conv and linear multiply-adds plus bias adds, no pooling. jnas's MACs count
     * pooling (3×3 average pools, the reduction blocks' 2×2 shortcut pools, global pooling) and no bias.
     */
    @Test
    void nb201FlopsMatchThePublishedNumbers() {
        String idx0 = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
        assertThat(flops(idx0, 10)).isEqualTo(15.64737);
        assertThat(flops(idx0, 100)).isEqualTo(15.65322);
        assertThat(flops("|skip_connect~0|+|none~0|nor_conv_3x3~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", 10))
                .isEqualTo(113.95137);
        Cost c = Cost.of(new Nb201Network(new Init(m, 0), Nb201Cell.parse(idx0), 3, 10, 16, 5), m, 3, 32, 32);
        long pools = 15L / 3 * (16 * 32 * 32 + 32 * 16 * 16 + 64 * 8 * 8) * 9 + 16 * 16 * 16 * 4 + 32 * 8 * 8 * 4 + 64 * 8 * 8;
        assertThat(c.macs() - c.flops()).isEqualTo(pools - 10);
    }

    private double flops(String cell, int classes) {
        long f = Cost.of(new Nb201Network(new Init(m, 0), Nb201Cell.parse(cell), 3, classes, 16, 5), m, 3, 32, 32).flops();
        return Math.round(f / 10.0) / 1e5;
    }

    @Test
    void convMacsFollowTheConvention() {
        Conv conv = new Conv(new Init(m, 1), 4, 8, 3, 2, 1, 1, 2, false);
        CostMeter meter = new CostMeter();
        NDArray y = conv.forward(new Ctx(m, false, new SplittableRandom(0), meter), m.ones(new Shape(1, 4, 8, 8)));
        assertThat(y.getShape()).isEqualTo(new Shape(1, 8, 4, 4));
        assertThat(meter.macs()).isEqualTo(8L * 4 * 4 * (4 / 2) * 3 * 3);
    }

    @Test
    void averagePoolExcludesPadding() {
        NDArray y = Pool.avg(3, 1, 1).forward(Ctx.eval(m), m.ones(new Shape(1, 1, 4, 4)));
        assertThat(y.toFloatArray()).containsOnly(1f);
        NDArray z = Pool.avgCountPad(3, 1, 1).forward(Ctx.eval(m), m.ones(new Shape(1, 1, 4, 4)));
        assertThat(z.getFloat(0, 0, 0, 0)).isCloseTo(4f / 9f, within(1e-6f));
    }

    @Test
    void batchNormUsesPyTorchMomentumAndShifts() {
        BatchNorm bn = new BatchNorm(new Init(m, 0), 1, true);
        NDArray x = m.arange(8f).reshape(2, 1, 2, 2);
        NDArray y = bn.forward(new Ctx(m, true, new SplittableRandom(0), null), x);
        assertThat(y.mean().getFloat()).isCloseTo(0f, within(1e-5f));
        assertThat(bn.runningMean().getFloat(0)).isCloseTo(0.35f, within(1e-6f));
        assertThat(bn.runningVar().getFloat(0)).isCloseTo(0.9f + 0.1f * 6f, within(1e-5f));
    }

    @Test
    void resamplingShapesAndValues() {
        NDArray x = m.arange(4f).reshape(1, 1, 2, 2);
        assertThat(Resample.nearest(x, 2).toFloatArray()).containsExactly(0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3);
        NDArray b = Resample.bilinear(x, 2);
        assertThat(b.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
        assertThat(b.getFloat(0, 0, 0, 1)).isCloseTo(0.25f, within(1e-6f));
        NDArray ps = Resample.pixelShuffle(m.arange(8f).reshape(1, 4, 1, 2), 2);
        assertThat(ps.getShape()).isEqualTo(new Shape(1, 1, 2, 4));
        assertThat(ps.toFloatArray()).containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
    }

    @Test
    void blocksKeepTheirDocumentedShapes() {
        Init init = new Init(m, 3);
        Ctx ctx = new Ctx(m, true, new SplittableRandom(0), null);
        NDArray x = m.randomNormal(new Shape(2, 8, 8, 8));
        assertThat(new FactorizedReduce(init, 8, 16, true).forward(ctx, x).getShape()).isEqualTo(new Shape(2, 16, 4, 4));
        assertThat(new SqueezeExcite(init, 8, 2).forward(ctx, x).getShape()).isEqualTo(x.getShape());
        assertThat(Ops.sepConv(init, 8, 8, 5, 2, 2, true).forward(ctx, x).getShape()).isEqualTo(new Shape(2, 8, 4, 4));
        assertThat(Ops.dilConv(init, 8, 8, 3, 1, 2, 2, true).forward(ctx, x).getShape()).isEqualTo(x.getShape());
        assertThat(new Zero(2).forward(ctx, x).getShape()).isEqualTo(new Shape(2, 8, 4, 4));
        NDArray h = Act.apply(Act.Kind.HSWISH, m.create(new float[] {-4, 0, 1, 4}));
        assertThat(h.toFloatArray()).usingElementComparator((p, q) -> Math.abs(p - q) < 1e-6 ? 0 : 1).containsExactly(0f, 0f, 1f * 4f / 6f, 4f);
    }

    @Test
    void sameSeedSameWeights() {
        Network a = new DartsNetwork(new Init(m, 5), Genotype.DARTS_V2, 3, 10, 8, 5, false);
        Network b = new DartsNetwork(new Init(m, 5), Genotype.DARTS_V2, 3, 10, 8, 5, false);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(a.parameters().get(i).array().toFloatArray()).containsExactly(b.parameters().get(i).array().toFloatArray());
        }
    }
}
