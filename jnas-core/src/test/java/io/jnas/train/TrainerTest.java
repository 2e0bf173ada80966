package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.jnas.data.ImageData;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.nn.SimpleCnn;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** Four classes of texture in noise (flat, horizontal stripes, vertical stripes, checkerboard). */
    static ImageData quadrants(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] px = new byte[n * 64];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int l = i % 4;
            labels[i] = l;
            for (int p = 0; p < 64; p++) {
                int y = p / 8;
                int x = p % 8;
                boolean on = switch (l) {
                    case 0 -> false;
                    case 1 -> y % 2 == 0;
                    case 2 -> x % 2 == 0;
                    default -> (x + y) % 2 == 0;
                };
                px[i * 64 + p] = (byte) ((on ? 150 : 60) + r.nextInt(50));
            }
        }
        return new ImageData(px, labels, 1, 8, 8, List.of("a", "b", "c", "d"));
    }

    private static TrainConfig config(int epochs, String optimizer) {
        return new TrainConfig(epochs, 32, optimizer, optimizer.equals("sgd") ? 0.05 : 0.01, 0, "cosine", 0.5, 0.9,
                true, 1e-4, 0.1, 5, 0.0, 0.4, 1, true, 2, 7);
    }

    private static List<float[]> weights(Network net) {
        List<float[]> w = new ArrayList<>();
        for (Param p : net.parameters()) {
            w.add(p.array().toFloatArray());
        }
        return w;
    }

    @Test
    void learnsAndIsDeterministic() throws Exception {
        ImageData train = quadrants(256, 1);
        ImageData test = quadrants(64, 2);
        for (String opt : List.of("sgd", "adam", "adamw")) {
            List<float[]> first = null;
            for (int run = 0; run < 2; run++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    Network net = new SimpleCnn(new Init(m, 3), 1, 4, 8, 2);
                    Trainer.Result r = new Trainer(net, m, config(4, opt), train, test, null, s -> { }).fit();
                    assertThat(r.finalTest().top1()).as(opt).isGreaterThan(90);
                    assertThat(r.history().get(3).trainLoss()).as(opt).isLessThan(r.history().get(0).trainLoss());
                    List<float[]> w = weights(net);
                    if (first == null) {
                        first = w;
                    } else {
                        for (int i = 0; i < w.size(); i++) {
                            assertThat(w.get(i)).as(opt + " run twice, same seed").containsExactly(first.get(i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void nativeMemoryStaysFlat() throws Exception {
        ImageData train = quadrants(512, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new SimpleCnn(new Init(m, 3), 1, 4, 8, 2);
            int before = m.getManagedArrays().size();
            // 3 epochs × 16 steps, evaluation included; every step's arrays must be freed
            new Trainer(net, m, config(3, "sgd"), train, quadrants(64, 2), null, s -> { }).fit();
            int after1 = m.getManagedArrays().size();
            new Trainer(net, m, config(6, "adam"), train, quadrants(64, 2), null, s -> { }).fit();
            int after2 = m.getManagedArrays().size();
            assertThat(after1).isEqualTo(before);
            assertThat(after2).isEqualTo(before);
        }
    }

    @Test
    void clippingBoundsTheGlobalNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = new SimpleCnn(new Init(m, 3), 1, 4, 4, 1);
            List<Param> ps = net.trainableParameters();
            try (Optimizer opt = new Optimizer("sgd", ps, 0, false, 0.999, 1e-8, 0, m);
                    NDManager step = m.newSubManager()) {
                try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                    var x = step.randomNormal(new ai.djl.ndarray.types.Shape(8, 1, 8, 8)).mul(100);
                    var loss = net.forward(new io.jnas.nn.Ctx(step, true, new SplittableRandom(0), null), x).square().sum();
                    gc.backward(loss);
                }
                try (NoGrad ng = new NoGrad()) {
                    double before = opt.clipGradients(step, 1.0);
                    assertThat(before).isGreaterThan(1.0);
                    assertThat(opt.clipGradients(step, 0)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
                }
            }
        }
    }

    @Test
    void scheduleWarmsUpAndDecays() {
        TrainConfig c = new TrainConfig(10, 8, "sgd", 0.1, 0.001, "cosine", 2, 0.9, false, 0, 0, 0, 0, 0, 0, false, 0, 0);
        assertThat(Schedule.lr(c, 1)).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Schedule.lr(c, 2)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Schedule.lr(c, 6)).isCloseTo(0.0505, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Schedule.lr(c, 10)).isCloseTo(0.001, org.assertj.core.data.Offset.offset(1e-9));
    }
}
