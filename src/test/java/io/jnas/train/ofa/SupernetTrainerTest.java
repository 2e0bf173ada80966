package io.jnas.train.ofa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Fixtures;
import io.jnas.data.ImageData;
import io.jnas.nn.Init;
import io.jnas.nn.Param;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.train.Diverged;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupernetTrainerTest {
    private static SupernetConfig config() {
        return new SupernetConfig(1, 0, 8, 0.01, 0.9, 0, 0, 1, 0, List.of(0.2, 0.2, 0.2, 0.2, 0.2), List.of(32), 8, 0);
    }

    @Test
    void anEpochReportsItsHealth() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ImageData train = Fixtures.stripes(16, 32, 1);
            ImageData val = Fixtures.stripes(8, 32, 2);
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), new OfaNetwork.Spec(3, 2, 1.0, false, false, false, 0), 32);
            var rows = new SupernetTrainer(net, m, config(), train, val, null, s -> { }).fit();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("non_finite_tensors", 0).containsKeys("max_abs_weight", "min_running_var");
            assertThat((double) rows.get(0).get("max_abs_weight")).isPositive().isFinite();
        }
    }

    @Test
    void aNonFiniteWeightStopsTrainingWithOneClearMessage() {
        try (NDManager m = NDManager.newBaseManager()) {
            ImageData train = Fixtures.stripes(16, 32, 1);
            ImageData val = Fixtures.stripes(8, 32, 2);
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), new OfaNetwork.Spec(3, 2, 1.0, false, false, false, 0), 32);
            Param w = net.parameters().stream().filter(p -> p.name().equals("exit5.classifier.weight")).findFirst().orElseThrow();
            float[] v = w.array().toFloatArray();
            v[0] = Float.NaN;
            w.array().set(v);
            List<String> log = new ArrayList<>();
            assertThatThrownBy(() -> new SupernetTrainer(net, m, config(), train, val, null, log::add).fit())
                    .isInstanceOf(Diverged.class)
                    .hasMessageContaining("diverged in phase full epoch 1")
                    .hasMessageContaining("exit5.classifier.weight")
                    .hasMessageContaining("lower --lr");
            // the NaN made every step's loss non-finite: both steps were skipped, not written into the weights
            assertThat(log).filteredOn(l -> l.contains("skipped step")).hasSize(2);
        }
    }
}
