package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.kit.ModelSpec;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.ofa.OfaSpace;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every network family trains on 28, 32 and 64 px inputs (nothing assumes CIFAR's 32 px). */
class InputSizesTest {

    private static void trainsOn(Network net, NDManager m, int channels, int size) {
        try (NDManager s = m.newSubManager()) {
            NDArray x = new Init(s, size).normal(new Shape(2, channels, size, size), 1);
            Ctx ctx = new Ctx(s, true, new SplittableRandom(0), null);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Network.Output out = net.run(ctx, x);
                assertThat(out.logits().getShape()).isEqualTo(new Shape(2, 10));
                NDArray loss = out.logits().sum();
                if (out.aux() != null) {
                    assertThat(out.aux().getShape()).isEqualTo(new Shape(2, 10));
                    loss = loss.add(out.aux().sum());
                }
                gc.backward(loss);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {28, 32, 64})
    void everyFamilyTrainsOnThisSize(int size) {
        try (NDManager m = NDManager.newBaseManager()) {
            for (ModelSpec spec : List.of(new ModelSpec("darts", "DARTS_V2", 4, 5, true),
                    new ModelSpec("nb201", "|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|nor_conv_1x1~0|none~1|"
                            + "nor_conv_3x3~2|", 4, 1, false), new ModelSpec(ModelSpec.CNN, null, 4, 3, false))) {
                trainsOn(spec.build(new Init(m, 1), 1, 10), m, 1, size);
            }
            OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 10, 1.0, true, true, true, 0);
            OfaSpace space = new OfaSpace(List.of(size), List.of(1.0), true, true);
            OfaNetwork sup = OfaNetwork.supernet(new Init(m, 2), spec, size);
            trainsOn(sup, m, 3, size);
            trainsOn(sup.extract(new Init(m, 3), space.sample(new SplittableRandom(size))), m, 3, size);
        }
    }
}
