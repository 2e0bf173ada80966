package io.jnas.nn.ofa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.Cost;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfaNetworkTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private static float maxDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        float d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    @Test
    void natSubnetBuiltAndMeteredMatchesTheAnalyticCost() {
        OfaSubnet nat = OfaSubnet.parse("{\"ks\":[3,3,3,3,3,5,5,3,5,5,5,5,5,3,3],\"e\":[3,3,3,4,4,4,4,3,4,3,3,6,6,6,6],"
                + "\"d\":[2,3,3,3,4],\"r\":224,\"w\":1.0}");
        OfaNetwork net = OfaNetwork.of(new Init(m, 0), new OfaNetwork.Spec(3, 1000, 1.0, false, false, false, 0), nat);
        Cost c = Cost.of(net, m, 3, 224, 224);
        OfaCost a = OfaCost.of(nat, 3, 1000);
        assertThat(c.params()).isEqualTo(a.params());
        assertThat(c.macs()).isEqualTo(a.macs());
    }

    @ParameterizedTest
    @CsvSource({"false,false,false,1.0", "true,true,false,1.0", "false,true,true,1.2", "true,true,true,1.0"})
    void extractedSubnetsComputeWhatTheSupernetComputes(boolean parallel, boolean dense, boolean exits, double width) {
        OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 10, width, parallel, dense, exits, 0);
        OfaNetwork sup = OfaNetwork.supernet(new Init(m, 1), spec, 40);
        OfaSpace space = new OfaSpace(List.of(32, 40), List.of(width), parallel, exits);
        SplittableRandom r = new SplittableRandom(2);
        NDArray x = new Init(m, 3).normal(new Shape(4, 3, 32, 32), 1);
        for (int i = 0; i < 3; i++) {
            OfaSubnet s = space.sample(r);
            OfaNetwork sub = sup.extract(new Init(m, 9), s);
            // the static network has exactly the analytic cost of the subnet
            Cost c = Cost.of(sub, m, 3, s.r(), s.r());
            OfaCost a = OfaCost.of(s, 3, 10);
            assertThat(c.params()).as(s.toString()).isEqualTo(a.params());
            assertThat(c.macs()).as(s.toString()).isEqualTo(a.macs());
            try (NDManager step = m.newSubManager(); NoGrad ng = new NoGrad()) {
                Ctx ctx = new Ctx(step, true, new SplittableRandom(0), null);
                NDArray y1 = sup.activate(s).forward(ctx, x);
                NDArray y2 = sub.forward(ctx, x);
                assertThat(y1.getShape()).isEqualTo(new Shape(4, 10));
                assertThat(maxDiff(y1, y2)).as(s.toString()).isLessThan(1e-3f);
            }
        }
    }

    @Test
    void sortingChannelsKeepsTheFullNetworkAndPutsImportantChannelsFirst() {
        OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 10, 1.0, false, false, false, 0);
        // 64 px and 8 images: the last stage's batch statistics are over 32 values, not 2 (numerically stable)
        OfaNetwork sup = OfaNetwork.supernet(new Init(m, 4), spec, 64);
        NDArray x = new Init(m, 5).normal(new Shape(8, 3, 64, 64), 1);
        try (NDManager step = m.newSubManager(); NoGrad ng = new NoGrad()) {
            Ctx ctx = new Ctx(step, true, new SplittableRandom(0), null);
            NDArray before = sup.forward(ctx, x);
            sup.sortChannels();
            NDArray after = sup.forward(ctx, x);
            assertThat(maxDiff(before, after)).isLessThan(1e-3f);
        }
        Param project = sup.parameters().stream().filter(p -> p.name().equals("s1b1.mb.project")).findFirst().orElseThrow();
        float[] l1 = Elastic.l1(project.array(), 1);
        for (int i = 1; i < l1.length; i++) {
            assertThat(l1[i]).isLessThanOrEqualTo(l1[i - 1]);
        }
    }

    @Test
    void recalibratedStatisticsMakeEvalMatchTrainingOnTheSameBatch() {
        OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 10, 1.0, true, true, true, 0);
        OfaNetwork sup = OfaNetwork.supernet(new Init(m, 6), spec, 32);
        OfaSubnet s = new OfaSpace(List.of(64), List.of(1.0), true, true).sample(new SplittableRandom(8));
        OfaNetwork sub = sup.extract(new Init(m, 7), s);
        NDArray x = new Init(m, 8).normal(new Shape(32, 3, 64, 64), 1);
        try (NDManager step = m.newSubManager(); NoGrad ng = new NoGrad()) {
            NDArray stale = sub.forward(Ctx.eval(step), x);
            sub.recalibrating(true);
            NDArray train = sub.forward(new Ctx(step, true, new SplittableRandom(0), null), x);
            sub.recalibrating(false);
            NDArray eval = sub.forward(Ctx.eval(step), x);
            // with the super-network's statistics eval is far off; recalibrated, only the unbiased-variance
            // correction compounded over the layers remains
            assertThat(maxDiff(train, eval)).isLessThan(0.25f * maxDiff(train, stale));
        }
    }

    @Test
    void recalibrationAveragesBatchStatisticsExactly() {
        SliceNorm bn = new SliceNorm(new Init(m, 0), 4);
        Init data = new Init(m, 1);
        NDArray[] batches = {data.normal(new Shape(8, 4, 3, 3), 1).add(2f), data.normal(new Shape(8, 4, 3, 3), 3)};
        try (NDManager step = m.newSubManager(); NoGrad ng = new NoGrad()) {
            bn.recalibrating(true);
            for (NDArray b : batches) {
                bn.forward(new Ctx(step, true, new SplittableRandom(0), null), b);
            }
            bn.recalibrating(false);
            NDArray expected = batches[0].transpose(1, 0, 2, 3).reshape(4, -1).mean(new int[] {1}).add(batches[1].transpose(1, 0, 2, 3).reshape(4, -1).mean(new int[] {1})).div(2f);
            assertThat(maxDiff(bn.mean(), expected)).isLessThan(1e-5f);
        }
    }

    @Test
    void recalibrationReplacesNonFiniteStatistics() {
        SliceNorm bn = new SliceNorm(new Init(m, 0), 4);
        bn.mean().set(new float[] {0, Float.NaN, 0, 0});
        bn.var().set(new float[] {1, 1, Float.POSITIVE_INFINITY, 1});
        NDArray b = new Init(m, 1).normal(new Shape(8, 4, 3, 3), 1);
        try (NDManager step = m.newSubManager(); NoGrad ng = new NoGrad()) {
            bn.recalibrating(true);
            bn.forward(new Ctx(step, true, new SplittableRandom(0), null), b);
            bn.recalibrating(false);
            for (float v : bn.mean().toFloatArray()) {
                assertThat(v).isFinite();
            }
            for (float v : bn.var().toFloatArray()) {
                assertThat(v).isFinite().isPositive();
            }
        }
    }

    @Test
    void kernelTransformsAndExitsReceiveGradients() {
        OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 10, 1.0, true, true, true, 0);
        OfaNetwork sup = OfaNetwork.supernet(new Init(m, 10), spec, 32);
        OfaSpace space = new OfaSpace(List.of(32), List.of(1.0), true, true);
        OfaSubnet s = space.uniform(5, 4, 3, 32, 1.0, 7, 5);
        NDArray x = new Init(m, 11).normal(new Shape(2, 3, 32, 32), 1);
        try (NDManager step = m.newSubManager()) {
            Ctx ctx = new Ctx(step, true, new SplittableRandom(0), null);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                List<NDArray> exits = sup.activate(s).exitLogits(ctx, x);
                assertThat(exits).hasSize(5);
                NDArray loss = exits.get(0).sum();
                for (int i = 1; i < exits.size(); i++) {
                    loss = loss.add(exits.get(i).sum());
                }
                gc.backward(loss);
            }
            for (String name : List.of("s1b1.mb.t7to5", "exit1.classifier.weight", "s2b1.conv", "s2b1.transform")) {
                Param p = sup.parameters().stream().filter(q -> q.name().equals(name)).findFirst().orElseThrow();
                try (NDArray g = p.array().getGradient()) {
                    assertThat(g.abs().sum().getFloat()).as(name).isGreaterThan(0f);
                }
            }
        }
        OfaSubnet other = space.uniform(3, 3, 2, 32, 1.0, 1, 5);
        // in eval a smaller width uses the first running statistics (OFA's dynamic BN), which extraction copies
        float[] inSupernet = sup.activate(other).forward(Ctx.eval(m), x).toFloatArray();
        assertThat(sup.extract(new Init(m, 9), other).forward(Ctx.eval(m), x).toFloatArray()).containsExactly(inSupernet,
                org.assertj.core.data.Offset.offset(1e-5f));
    }
}
