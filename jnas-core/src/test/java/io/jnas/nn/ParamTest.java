package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A parameter is one tensor of one model: two parameters whose tensors hold the same numbers (every batch norm's
 * scale starts at ones) are different parameters, and telling them apart must not read the tensors.
 */
class ParamTest {

    @Test
    void parametersAreTheSameOnlyWhenTheyHoldTheSameArray() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new ai.djl.ndarray.types.Shape(8));
            NDArray b = m.ones(new ai.djl.ndarray.types.Shape(8));
            Param p = new Param("cells.0.bn.weight", a, Param.Kind.BN_GAMMA);
            Param sameValues = new Param("cells.0.bn.weight", b, Param.Kind.BN_GAMMA);
            Param again = new Param("cells.0.bn.weight", a, Param.Kind.BN_GAMMA);

            assertThat(p).isNotEqualTo(sameValues);
            assertThat(p).isEqualTo(again).hasSameHashCodeAs(again);
            assertThat(p).isNotEqualTo(new Param("cells.1.bn.weight", a, Param.Kind.BN_GAMMA));
            assertThat(p).isNotEqualTo(new Param("cells.0.bn.weight", a, Param.Kind.BN_BETA));
            assertThat(List.of(sameValues).contains(p)).isFalse();
            assertThat(p.prefixed("net")).isEqualTo(new Param("net.cells.0.bn.weight", a, Param.Kind.BN_GAMMA));
        }
    }

    @Test
    void comparingParametersLeavesTheirArraysAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.ones(new ai.djl.ndarray.types.Shape(4));
            Param p = new Param("w", a, Param.Kind.WEIGHT);
            a.close(); // its values are gone; who it is remains
            assertThat(p).isEqualTo(new Param("w", a, Param.Kind.WEIGHT));
            assertThat(p).isNotEqualTo(new Param("w", m.ones(new ai.djl.ndarray.types.Shape(4)), Param.Kind.WEIGHT));
        }
    }
}
