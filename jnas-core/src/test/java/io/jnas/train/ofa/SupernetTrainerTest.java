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

    private static SupernetConfig shrinking() {
        return new SupernetConfig(1, 1, 8, 0.01, 0.9, 0, 0, 2, 1.0, List.of(0.2, 0.2, 0.2, 0.2, 0.2), List.of(32), 8, 3);
    }

    /** Runs every OFAv2 phase (parallel blocks, dense skips, exits) from seed 0 and returns all weights and statistics. */
    private static java.util.Map<String, float[]> ofav2Training(List<java.util.Map<String, Object>> rowsOut) throws Exception {
        java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            ImageData train = Fixtures.stripes(16, 32, 1);
            ImageData val = Fixtures.stripes(8, 32, 2);
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), new OfaNetwork.Spec(3, 2, 1.0, true, true, true, 0), 32);
            // a collection after every epoch: freed memory that autograd still reads shows up as a difference
            SupernetTrainer t = new SupernetTrainer(net, m, shrinking(), train, val, null, s -> System.gc());
            assertThat(t.phases()).extracting(ShrinkPhase::name).containsExactly("full", "kernel", "level", "level", "exit",
                    "exit", "exit", "exit", "depth", "depth", "expand", "expand");
            rowsOut.addAll(t.fit());
            net.namedArrays().forEach((k, v) -> out.put(k, v.toFloatArray()));
        }
        return out;
    }

    @Test
    void extendedProgressiveShrinkingRunsEveryPhaseAndIsBitIdenticalTwice() throws Exception {
        assertThat(System.getProperty("ai.djl.pytorch.num_threads")).as("the build runs tests at 2 libtorch threads")
                .isEqualTo("2");
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        java.util.Map<String, float[]> first = ofav2Training(rows);
        assertThat(rows).extracting(r -> r.get("phase")).containsExactly("full", "kernel", "level", "level", "exit", "exit",
                "exit", "exit", "depth", "depth", "expand", "expand");
        assertThat(rows).allSatisfy(r -> assertThat((double) r.get("train_loss")).isPositive().isFinite());
        java.util.Map<String, float[]> second = ofav2Training(new ArrayList<>());
        assertThat(second.keySet()).containsExactlyElementsOf(first.keySet());
        List<String> differ = new ArrayList<>();
        first.forEach((k, v) -> {
            if (!java.util.Arrays.equals(v, second.get(k))) {
                differ.add(k);
            }
        });
        assertThat(differ).as("tensors that differ between two same-seed trainings at 2 threads").isEmpty();
    }

    @Test
    void aStoppedTrainingResumesToTheSameWeights(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        ImageData train = Fixtures.stripes(16, 32, 1);
        ImageData val = Fixtures.stripes(8, 32, 2);
        OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 2, 1.0, false, false, false, 0);
        java.util.Map<String, float[]> whole = new java.util.LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            io.jnas.run.RunDir run = io.jnas.run.RunDir.create(tmp.resolve("a"));
            run.writeConfig(java.util.Map.of("command", "test"));
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), spec, 32);
            new SupernetTrainer(net, m, shrinking(), train, val, run, s -> { }).fit();
            net.namedArrays().forEach((k, v) -> whole.put(k, v.toFloatArray()));
        }
        io.jnas.run.RunDir run = io.jnas.run.RunDir.create(tmp.resolve("b"));
        run.writeConfig(java.util.Map.of("command", "test"));
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), spec, 32);
            // stop in the middle of the depth phases: the epoch whose line is refused is not checkpointed
            assertThatThrownBy(() -> new SupernetTrainer(net, m, shrinking(), train, val, run, line -> {
                if (line.startsWith("phase 4/")) {
                    throw new IllegalStateException("stopped");
                }
            }).fit()).hasMessage("stopped");
        }
        List<String> log = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 7), spec, 32);
            List<?> rows = new SupernetTrainer(net, m, shrinking(), train, val, run, log::add).fit();
            assertThat(rows).hasSize(6);
            assertThat(log.get(0)).startsWith("resumed after 3 of 6 epochs (phase 4)");
            List<String> differ = new ArrayList<>();
            net.namedArrays().forEach((k, v) -> {
                if (!java.util.Arrays.equals(v.toFloatArray(), whole.get(k))) {
                    differ.add(k);
                }
            });
            assertThat(differ).as("tensors that differ from the uninterrupted run's").isEmpty();
        }
    }
}
