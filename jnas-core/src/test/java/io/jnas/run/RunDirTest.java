package io.jnas.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run directories: the atomic checkpoint swap and its fallback, the metrics log, atomic files, the registry. */
class RunDirTest {
    @TempDir
    Path tmp;

    private static float first(RunDir.Checkpoint ck) {
        return ck.tensors().get("model").get("w").getFloat(0);
    }

    @Test
    void aCheckpointReplacesThePreviousOneWhole() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("r"));
        run.writeConfig(Map.of("command", "test"));
        try (NDManager m = NDManager.newBaseManager()) {
            run.saveCheckpoint(Map.of("model", Map.of("w", m.create(new float[] {1, 2}))), Map.of("step", 1));
            run.saveCheckpoint(Map.of("model", Map.of("w", m.create(new float[] {3, 4}))), Map.of("step", 2));
            RunDir.Checkpoint ck = run.loadCheckpoint(m).orElseThrow();
            assertThat(first(ck)).isEqualTo(3f);
            assertThat(ck.state()).containsEntry("step", 2);
            try (var files = Files.list(run.dir())) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("config.yaml",
                        "checkpoint", ".lock");
            }
        }
    }

    @Test
    void aKillBetweenTheTwoRenamesFallsBackToThePreviousCheckpoint() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("r"));
        run.writeConfig(Map.of("command", "test"));
        try (NDManager m = NDManager.newBaseManager()) {
            run.saveCheckpoint(Map.of("model", Map.of("w", m.create(new float[] {1, 2}))), Map.of("step", 1));
            // the state a kill leaves after checkpoint -> checkpoint.old and before checkpoint.new -> checkpoint
            Files.move(run.file("checkpoint"), run.file("checkpoint.old"));
            Files.createDirectories(run.file("checkpoint.new"));
            Files.writeString(run.file("checkpoint.new/model.safetensors"), "half-written");
            RunDir.Checkpoint ck = run.loadCheckpoint(m).orElseThrow();
            assertThat(first(ck)).isEqualTo(1f);
            // the next save cleans up both leftovers
            run.saveCheckpoint(Map.of("model", Map.of("w", m.create(new float[] {5, 6}))), Map.of("step", 2));
            assertThat(run.file("checkpoint.old")).doesNotExist();
            assertThat(run.file("checkpoint.new")).doesNotExist();
            assertThat(first(run.loadCheckpoint(m).orElseThrow())).isEqualTo(5f);
        }
    }

    @Test
    void metricsDropALineCutByAKillAndRetainKeepsWhatTheCheckpointCovers() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("r"));
        run.writeConfig(Map.of("command", "test"));
        run.appendMetrics(Map.of("epoch", 1, "loss", 0.5));
        run.appendMetrics(Map.of("epoch", 2, "loss", 0.4));
        Files.writeString(run.file("metrics.jsonl"), "{\"epoch\":3,\"lo", java.nio.file.StandardOpenOption.APPEND);
        assertThat(run.readMetrics()).extracting(r -> r.get("epoch")).containsExactly(1, 2);
        run.retainMetrics(r -> ((Number) r.get("epoch")).intValue() <= 1);
        assertThat(run.readMetrics()).extracting(r -> r.get("epoch")).containsExactly(1);
    }

    @Test
    void aRunDirectoryIsNotCreatedTwiceAndAFolderWithoutConfigIsNoRun() throws Exception {
        Path dir = tmp.resolve("r");
        RunDir.create(dir).writeConfig(Map.of("command", "test"));
        assertThatThrownBy(() -> RunDir.create(dir)).hasMessageContaining("already holds a run")
                .hasMessageContaining("jnas resume " + dir);
        assertThatThrownBy(() -> RunDir.open(tmp)).hasMessageContaining("is not a jnas run directory (no config.yaml)");
    }

    @Test
    void atomicWritesLeaveNoTemporaryFiles() throws Exception {
        Path f = tmp.resolve("a/b.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        AtomicFiles.append(f, "+three");
        assertThat(Files.readString(f)).isEqualTo("two+three");
        try (var files = Files.list(f.getParent())) {
            assertThat(files.toList()).containsExactly(f);
        }
    }

    @Test
    void aTensorFileRoundTripsAndRefusesAMismatch() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1.5f, -2f, 3f}, new ai.djl.ndarray.types.Shape(3, 1));
            TensorFile.write(tmp.resolve("t.safetensors"), Map.of("a", a));
            Map<String, NDArray> back = TensorFile.read(tmp.resolve("t.safetensors"), m);
            assertThat(back.get("a").toFloatArray()).containsExactly(1.5f, -2f, 3f);
            assertThat(back.get("a").getShape()).isEqualTo(a.getShape());
            Map<String, NDArray> wrong = Map.of("a", m.zeros(new ai.djl.ndarray.types.Shape(2)));
            assertThatThrownBy(() -> TensorFile.copyInto(back, wrong, "model")).hasMessageContaining("a");
        }
    }

    @Test
    void aRegistryNamesWhatItHolds() {
        Registry<CharSequence> r = Registry.load("widget", CharSequence.class, CharSequence::toString);
        assertThat(r.names()).isEmpty();
        assertThatThrownBy(() -> r.get("x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown widget 'x' (available: )");
        assertThat(io.jnas.nn.kit.SpaceKits.names()).containsSubsequence("nb201", "darts", "ofa");
        assertThatThrownBy(() -> io.jnas.nn.kit.SpaceKits.get("nb301")).hasMessageStartingWith("unknown space 'nb301' "
                + "(available: ").hasMessageContaining("nb201, darts, ofa");
        assertThat(List.of("random", "evolution", "nat")).isSubsetOf(io.jnas.search.Strategies.names());
    }
}
