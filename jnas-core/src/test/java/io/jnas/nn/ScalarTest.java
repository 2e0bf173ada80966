package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A constant factor must survive a garbage collection between the forward and the backward pass: DJL's
 * mul(Number) frees it and the backward pass then read freed memory (the source of run-to-run differences and of
 * finite losses with non-finite gradients in super-network training).
 */
class ScalarTest {

    /** Collects garbage and fills freshly freed direct memory with a pattern, as a long run's allocations do. */
    static void churn() {
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            junk.add(b);
        }
        junk.clear();
        System.gc();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(64);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
        }
    }

    /** The gradient of sum(f(x)) at x, with a collection and churn between the forward and the backward pass. */
    static float[] gradient(NDManager m, float[] xs, UnaryOperator<NDArray> f) {
        try (NDManager s = m.newSubManager()) {
            NDArray x = s.create(xs, new Shape(xs.length));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                churn();
                gc.backward(y);
            }
            NDArray g = x.getGradient();
            g.attach(s);
            return g.toFloatArray();
        }
    }

    @Test
    void constantsSurviveAGarbageCollectionBeforeTheBackwardPass() {
        float[] xs = {-4f, -1f, 0.5f, 2f, 5f};
        try (NDManager m = NDManager.newBaseManager()) {
            for (int rep = 0; rep < 20; rep++) {
                assertThat(gradient(m, xs, x -> Scalar.mul(x, 3))).containsOnly(3f);
                assertThat(gradient(m, xs, x -> Scalar.div(x, 4))).containsOnly(0.25f);
                // h-swish: (2x + 3) / 6 inside (-3, 3), 0 below, 1 above
                assertThat(gradient(m, xs, x -> Act.apply(Act.Kind.HSWISH, x))).containsExactly(new float[] {0f, 1f / 6,
                    4f / 6, 7f / 6, 1f}, org.assertj.core.data.Offset.offset(1e-6f));
                assertThat(gradient(m, xs, x -> Act.apply(Act.Kind.HSIGMOID, x))).containsExactly(new float[] {0f, 1f / 6,
                    1f / 6, 1f / 6, 0f}, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void labelSmoothingGradientsDoNotChangeFromRunToRun() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] logits = {0.2f, -1f, 3f, 0.5f, 1.5f, -0.3f};
            NDArray labels = m.create(new int[] {2, 0});
            float[] first = null;
            for (int rep = 0; rep < 20; rep++) {
                float[] g = gradient(m, logits, x -> Losses.crossEntropy(x.reshape(2, 3), labels, 0.1));
                if (first == null) {
                    first = g;
                }
                assertThat(g).containsExactly(first);
            }
        }
    }
}
