package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.Param;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipTest {
    @Test
    void clippingScalesTheGradientsTheUpdateUses() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.ones(new Shape(4));
            w.setRequiresGradient(true);
            Param p = new Param("w", w, Param.Kind.WEIGHT);
            try (Optimizer opt = new Optimizer("sgd", List.of(p), 0, false, 0.999, 1e-8, 0, m);
                 NDManager step = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(100f).sum()); // gradient 100 per entry, norm 200
                }
                try (NoGrad ng = new NoGrad()) {
                    assertThat(opt.clipGradients(step, 1.0)).isEqualTo(200.0, org.assertj.core.api.Assertions.within(1e-3));
                    opt.step(step, 1.0);
                }
                // clipped to norm 1: each entry moved by 0.5
                assertThat(w.toFloatArray()).containsOnly(0.5f);
            }
        }
    }
}
