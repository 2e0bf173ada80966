package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.jnas.nn.Param;
import io.jnas.run.TensorFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The flat update against the per-tensor one it replaces: same weights and state after steps with clipping, weight
 * decay and momentum or Adam's moments; its state restored from a checkpoint in place continues the same way.
 */
class FlatUpdateTest {
    /** Small tensors go to the flat vector, the 40,000-element one is updated on its own. */
    private static final Shape[] SHAPES = {new Shape(8, 3, 3, 3), new Shape(8), new Shape(), new Shape(40, 40, 5, 5), new Shape(10, 8),
        new Shape(1, 1)};

    private static List<Param> params(NDManager m, long seed) {
        List<Param> ps = new ArrayList<>();
        m.getEngine().setRandomSeed((int) seed);
        for (int i = 0; i < SHAPES.length; i++) {
            NDArray w = m.randomNormal(SHAPES[i]);
            w.setRequiresGradient(true);
            ps.add(new Param("p" + i, w, Param.Kind.WEIGHT));
        }
        return ps;
    }

    /** A step whose gradients differ per tensor and per step (and are large enough for the clip at 1.0 to act). */
    private static void backward(List<Param> ps, int k) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < ps.size(); i++) {
                NDArray w = ps.get(i).array();
                NDArray l = w.mul(w).mul(0.5f * (i + 1)).sum().add(w.mul((float) (k - i)).sum());
                loss = loss == null ? l : loss.add(l);
            }
            gc.backward(loss);
        }
    }

    @ParameterizedTest
    @CsvSource({"sgd,0.9,true,3e-4,1.0", "sgd,0.9,false,0,0", "sgd,0,false,1e-3,2.0", "adam,0.9,false,1e-3,1.0",
        "adamw,0.9,false,1e-2,0"})
    void givesTheWeightsAndStateOfThePerTensorUpdate(String kind, double momentum, boolean nesterov, double wd, double clip) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Param> a = params(m, 7);
            List<Param> b = params(m, 7);
            try (Optimizer flat = new Optimizer(kind, a, momentum, nesterov, 0.999, 1e-8, wd, m, true);
                    Optimizer ref = new Optimizer(kind, b, momentum, nesterov, 0.999, 1e-8, wd, m, false)) {
                for (int k = 0; k < 6; k++) {
                    for (var pair : List.of(Map.entry(a, flat), Map.entry(b, ref))) {
                        backward(pair.getKey(), k);
                        try (NDManager step = m.newSubManager()) {
                            assertThat(pair.getValue().stepIfFinite(step, 1f, clip, 0.05)).isNull();
                        }
                    }
                }
                for (int i = 0; i < a.size(); i++) {
                    assertThat(maxDiff(a.get(i).array(), b.get(i).array())).as(kind + " weights " + i).isLessThan(1e-6f);
                    assertThat(a.get(i).array().getGradient().abs().sum().getFloat()).as("zeroed").isZero();
                }
                assertThat(flat.stateTensors().keySet()).isEqualTo(ref.stateTensors().keySet());
                for (String key : ref.stateTensors().keySet()) {
                    assertThat(maxDiff(flat.stateTensors().get(key), ref.stateTensors().get(key))).as(key).isLessThan(1e-6f);
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"sgd", "adam"})
    void restoredStateIsTheStateTheNextStepUses(String kind) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Param> a = params(m, 3);
            List<Param> b = params(m, 3);
            try (Optimizer one = new Optimizer(kind, a, 0.9, true, 0.999, 1e-8, 1e-3, m, true);
                    Optimizer two = new Optimizer(kind, b, 0.9, true, 0.999, 1e-8, 1e-3, m, true)) {
                for (int k = 0; k < 3; k++) { // "one" runs three steps, "two" none: then two takes one's state and weights
                    backward(a, k);
                    try (NDManager step = m.newSubManager()) {
                        one.stepIfFinite(step, 1f, 0, 0.05);
                    }
                }
                Map<String, NDArray> weights = new LinkedHashMap<>();
                Map<String, NDArray> into = new LinkedHashMap<>();
                for (int i = 0; i < a.size(); i++) {
                    weights.put("p" + i, a.get(i).array().duplicate());
                    into.put("p" + i, b.get(i).array());
                }
                Map<String, NDArray> saved = new LinkedHashMap<>();
                one.stateTensors().forEach((key, v) -> saved.put(key, v.duplicate()));
                TensorFile.copyInto(weights, into, "model");
                TensorFile.copyInto(saved, two.stateTensors(), "optimizer");
                two.setSteps(one.steps());
                backward(a, 3);
                backward(b, 3);
                try (NDManager step = m.newSubManager()) {
                    one.stepIfFinite(step, 1f, 0, 0.05);
                    two.stepIfFinite(step, 1f, 0, 0.05);
                }
                for (int i = 0; i < a.size(); i++) {
                    assertThat(maxDiff(a.get(i).array(), b.get(i).array())).as("weights " + i).isLessThan(1e-7f);
                }
            }
        }
    }

    private static float maxDiff(NDArray x, NDArray y) {
        return x.sub(y).abs().max().getFloat();
    }
}
