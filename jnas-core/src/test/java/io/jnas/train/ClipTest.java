package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.NoGrad;
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
            try (Optimizer opt = sgd(List.of(p), m);
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

    @Test
    void gradientReportNamesTheNonFiniteTensorsAndTheLargestFiniteOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new Shape(2));
            NDArray b = m.ones(new Shape(2));
            NDArray c = m.zeros(new Shape(2));
            for (NDArray w : new NDArray[] {a, b, c}) {
                w.setRequiresGradient(true);
            }
            List<Param> ps = List.of(new Param("a", a, Param.Kind.WEIGHT), new Param("b", b, Param.Kind.WEIGHT),
                    new Param("c", c, Param.Kind.WEIGHT));
            try (Optimizer opt = sgd(ps, m); NDManager step = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // d/dc sqrt(c) at 0 is infinite; a gets 3, b gets 7
                    gc.backward(a.mul(3f).sum().add(b.mul(7f).sum()).add(c.sqrt().sum()));
                }
                try (NoGrad ng = new NoGrad()) {
                    assertThat(opt.gradientReport(step, 2))
                            .isEqualTo("1 of 3 gradient tensors non-finite (c); largest finite max|g|: b 7.00, a 3.00");
                }
            }
        }
    }

    @Test
    void gradientReportShowsTheDeepestNonFiniteTensorWhenItShortensTheList() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Param> ps = new java.util.ArrayList<>();
            NDArray loss = null;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                for (int i = 0; i < 4; i++) {
                    NDArray w = m.zeros(new Shape(2));
                    w.setRequiresGradient(true);
                    ps.add(new Param("x" + i, w, Param.Kind.WEIGHT));
                    loss = loss == null ? w.sqrt().sum() : loss.add(w.sqrt().sum());
                }
                gc.backward(loss);
            }
            try (Optimizer opt = sgd(ps, m); NDManager step = m.newSubManager();
                 NoGrad ng = new NoGrad()) {
                assertThat(opt.gradientReport(step, 2)).isEqualTo("4 of 4 gradient tensors non-finite (x0, x1, ..., x3)");
            }
        }
    }

    @Test
    void aNormThatOverflowsLeavesTheGradientsForTheReport() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.ones(new Shape(2));
            w.setRequiresGradient(true);
            Param p = new Param("w", w, Param.Kind.WEIGHT);
            try (Optimizer opt = sgd(List.of(p), m);
                 NDManager step = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(1e20f).sum()); // finite gradient whose square overflows float32
                }
                try (NoGrad ng = new NoGrad()) {
                    assertThat(opt.clipGradients(step, 5.0)).isInfinite();
                    assertThat(opt.gradientReport(step, 3))
                            .isEqualTo("0 of 1 gradient tensors non-finite; largest finite max|g|: w 1.00e+20");
                }
            }
        }
    }

    @Test
    void aGuardedStepSkipsANonFiniteGradientAndKeepsTheWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.ones(new Shape(2));
            w.setRequiresGradient(true);
            Param p = new Param("w", w, Param.Kind.WEIGHT);
            try (Optimizer opt = sgd(List.of(p), m); NDManager step = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(Float.POSITIVE_INFINITY).sum());
                }
                assertThat(opt.stepIfFinite(step, 1f, 0, 0.1)).isEqualTo("loss 1.0; 1 of 1 gradient tensors non-finite (w)");
                assertThat(w.toFloatArray()).containsOnly(1f);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(2f).sum()); // the skipped gradient was zeroed, not added to this one
                }
                assertThat(opt.stepIfFinite(step, 1f, 0, 0.1)).isNull();
                assertThat(w.toFloatArray()).containsOnly(0.8f);
            }
        }
    }

    private static Optimizer sgd(List<Param> ps, NDManager m) {
        return new Optimizer("sgd", ps, 0, false, 0.999, 1e-8, 0, m);
    }
}
