package io.jnas.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status.json through a run's life: running with its stage, finished, failed, and taken up again after a stop. */
class RunStatusTest {
    @TempDir
    Path tmp;

    @Test
    void followsARunThroughItsLife() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("a"));
        Instant before = Instant.now();
        try (RunStatus s = RunStatus.begin(run)) {
            Map<String, Object> st = RunStatus.read(run.dir());
            assertThat(st).containsEntry("state", "running").containsEntry("pid", (int) ProcessHandle.current().pid())
                    .containsEntry("host", RunStatus.host()).containsEntry("progress", 0.0);
            assertThat(Instant.parse((String) st.get("started"))).isAfterOrEqualTo(before);
            RunStatus.stage(run, "epoch", 1, 4);
            st = RunStatus.read(run.dir());
            assertThat(st.get("progress")).isEqualTo(0.25);
            assertThat(st.get("stage")).isEqualTo(Map.of("label", "epoch", "done", 1, "total", 4));
            RunStatus.stage(run, "epoch", 3, 4);
            assertThat(RunStatus.read(run.dir()).get("progress")).isEqualTo(0.75);
        }
        // taken up again (jnas resume): the first start is kept, the progress it had is remembered
        try (RunStatus s = RunStatus.begin(run)) {
            Map<String, Object> st = RunStatus.read(run.dir());
            assertThat(st.get("progress_at_resume")).isEqualTo(0.75);
            assertThat(Instant.parse((String) st.get("resumed"))).isAfter(Instant.parse((String) st.get("started")));
            s.finished();
            assertThat(RunStatus.read(run.dir())).containsEntry("state", "finished").containsEntry("progress", 1.0);
        }
        RunStatus.stage(run, "epoch", 1, 4); // after close: no longer this process's run, nothing written
        assertThat(RunStatus.read(run.dir())).containsEntry("state", "finished");
    }

    @Test
    void aFailureKeepsItsMessage() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("b"));
        try (RunStatus s = RunStatus.begin(run)) {
            s.failed(new IllegalStateException("diverged at epoch 2; lower --lr"));
        }
        assertThat(RunStatus.read(run.dir())).containsEntry("state", "failed")
                .containsEntry("message", "diverged at epoch 2; lower --lr");
    }
}
