package io.jnas.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.run.Json;
import io.jnas.run.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder: what counts as a run, each state as another process sees it, and nothing served from outside. */
class RunFolderTest {
    @TempDir
    Path tmp;

    static Path run(Path dir, String command) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "command: \"" + command + "\"\nseed: 7\nconfig: {}\n");
        return dir;
    }

    /** When this test's JVM started: a status it "wrote" took the run up just after. */
    static Instant born() {
        return ProcessHandle.current().info().startInstant().orElseThrow().plusMillis(500);
    }

    static void status(Path dir, String state, Object pid, String host, Instant updated) throws IOException {
        status(dir, state, pid, host, updated.minusSeconds(30), updated);
    }

    static void status(Path dir, String state, Object pid, String host, Instant resumed, Instant updated)
            throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state);
        s.put("pid", pid);
        s.put("host", host);
        s.put("started", resumed.minusSeconds(30).toString());
        s.put("resumed", resumed.toString());
        s.put("updated", updated.toString());
        s.put("progress", 0.5);
        s.put("progress_at_resume", 0.25);
        s.put("stage", Map.of("label", "epoch", "done", 2, "total", 4));
        s.put("message", "diverged at epoch 2");
        Files.writeString(dir.resolve("status.json"), Json.write(s));
    }

    private RunFolder.Summary only(RunFolder f, String id) throws IOException {
        return f.summary(id).orElseThrow();
    }

    @Test
    void eachStateAsAnotherProcessSeesIt() throws Exception {
        Instant now = Instant.now();
        String here = RunStatus.host();
        status(run(tmp.resolve("live"), "train"), "running", ProcessHandle.current().pid(), here, born(), now);
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        status(run(tmp.resolve("killed"), "train"), "running", dead.pid(), here, now);
        status(run(tmp.resolve("far"), "train"), "running", 1, "another-machine", now);
        status(run(tmp.resolve("far-stale"), "train"), "running", 1, "another-machine", now.minusSeconds(600));
        status(run(tmp.resolve("broken"), "train"), "failed", 1, here, now);
        Path done = run(tmp.resolve("done"), "train");
        Files.writeString(done.resolve("result.json"), "{\"test_top1\": 81.5, \"params\": 1200}");
        run(tmp.resolve("old"), "train");
        RunFolder f = new RunFolder(tmp);

        RunFolder.Summary live = only(f, "live");
        assertThat(live.status()).isEqualTo("running");
        assertThat(live.progress()).isEqualTo(0.5);
        assertThat(live.stage()).isEqualTo("epoch 2/4");
        // progress 0.25 to 0.5 in the time since it was taken up: twice that time for the remaining half
        double since = java.time.Duration.between(born(), Instant.now()).toMillis() / 1e3;
        assertThat(live.etaSeconds()).isCloseTo(2 * since, org.assertj.core.data.Offset.offset(2.0));
        assertThat(live.elapsedSeconds()).isCloseTo(since + 30, org.assertj.core.data.Offset.offset(2.0));
        // the same pid, but a process born after the run was taken up: another program
        status(run(tmp.resolve("reused"), "train"), "running", ProcessHandle.current().pid(), here, now);
        assertThat(only(f, "reused").status()).isEqualTo("interrupted");
        assertThat(live.seed()).isEqualTo(7L);
        assertThat(only(f, "killed").status()).isEqualTo("interrupted");
        assertThat(only(f, "killed").message()).isEqualTo("resume with: jnas resume " + tmp.toRealPath().resolve("killed"));
        assertThat(only(f, "far").status()).isEqualTo("running");
        assertThat(only(f, "far-stale").status()).isEqualTo("interrupted");
        assertThat(only(f, "broken").status()).isEqualTo("failed");
        assertThat(only(f, "broken").message()).isEqualTo("diverged at epoch 2");
        assertThat(only(f, "done").status()).isEqualTo("finished");
        assertThat(only(f, "done").result()).containsEntry("test_top1", 81.5).containsEntry("params", 1200);
        assertThat(only(f, "old").status()).isEqualTo("interrupted");
    }

    @Test
    void nestedPartsAreRunsAndCheckpointsAreNot() throws Exception {
        Path demo = run(tmp.resolve("demo-1"), "demo");
        run(demo.resolve("search"), "search-differentiable");
        run(demo.resolve("checkpoint"), "train");
        Files.createDirectories(tmp.resolve("not-a-run"));
        assertThat(new RunFolder(tmp).list()).extracting(RunFolder.Summary::id)
                .containsExactlyInAnyOrder("demo-1", "demo-1/search");
    }

    @Test
    void refusesEveryPathOutOfTheFolder() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("runs"));
        run(root.resolve("a"), "train");
        Path outside = run(tmp.resolve("secret-run"), "train");
        Files.writeString(outside.resolve("result.json"), "{}");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("a").resolve("leak.json"), outside.resolve("result.json"));
        RunFolder f = new RunFolder(root);
        for (String bad : new String[] {"../secret-run", "/etc", "a/../../secret-run", "link", "a\\..", "", "missing"}) {
            assertThatThrownBy(() -> f.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a run of this folder: " + bad);
        }
        assertThatThrownBy(() -> f.file("a", "../../secret-run/result.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.file("a", "leak.json")).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.file("a", "config.yaml")).isEqualTo(root.toRealPath().resolve("a/config.yaml"));
        assertThat(f.list()).extracting(RunFolder.Summary::id).containsExactly("a");
    }
}
