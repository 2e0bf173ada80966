package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Test
    void hitsCountTiesByIndexAndNeverCountNaN() {
        try (NDManager m = NDManager.newBaseManager()) {
            float nan = Float.NaN;
            float[] logits = {
                0.1f, 0.9f, 0.0f, 0f, 0f, 0f, // label 1: top-1 hit
                0.5f, 0.2f, 0.4f, 0f, 0f, 0f, // label 2: top-5 only
                nan, nan, nan, nan, nan, nan, // label 0: a diverged network is never right
                0.3f, nan, 0.3f, 0f, 0f, 0f}; // label 2: NaN elsewhere counts against it
            long[] h = Evaluation.topk(m.create(logits, new Shape(4, 6)), new int[] {1, 2, 0, 2});
            assertThat(h[0]).isEqualTo(1);
            assertThat(h[1]).isEqualTo(3);
        }
    }
}
