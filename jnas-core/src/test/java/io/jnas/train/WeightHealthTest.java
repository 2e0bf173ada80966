package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Ctx;
import io.jnas.nn.Module;
import io.jnas.nn.Param;
import org.junit.jupiter.api.Test;

class WeightHealthTest {
    /** A bare module with one weight and one BN variance. */
    private static final class Two extends Module {
        final NDArray w;
        final NDArray var;

        Two(NDManager m) {
            w = param("w", m.create(new float[] {0.5f, -3f, 2f}), Param.Kind.WEIGHT);
            var = param("bn.running_var", m.create(new float[] {1e-4f, 7f}), Param.Kind.BN_VAR);
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            return x;
        }
    }

    @Test
    void reportsLargestWeightAndVarianceRange() {
        try (NDManager m = NDManager.newBaseManager()) {
            WeightHealth h = WeightHealth.of(new Two(m));
            assertThat(h.finite()).isTrue();
            assertThat(h.maxWeight()).isEqualTo(3.0);
            assertThat(h.maxWeightAt()).isEqualTo("w");
            assertThat(h.maxVar()).isEqualTo(7.0);
            assertThat(h.minVar()).isCloseTo(1e-4, org.assertj.core.api.Assertions.within(1e-9));
            assertThat(h.toMap()).containsEntry("non_finite_tensors", 0);
        }
    }

    @Test
    void namesTheTensorsThatHoldNanOrInfinity() {
        try (NDManager m = NDManager.newBaseManager()) {
            Two t = new Two(m);
            t.var.set(new float[] {Float.NaN, 7f});
            WeightHealth h = WeightHealth.of(t);
            assertThat(h.finite()).isFalse();
            assertThat(h.nonFinite()).containsExactly("bn.running_var");
            t.w.set(new float[] {0.5f, -3f, Float.NEGATIVE_INFINITY});
            assertThat(WeightHealth.of(t).nonFinite()).containsExactly("w", "bn.running_var");
            assertThat(t.w.getShape()).isEqualTo(new Shape(3));
        }
    }
}
