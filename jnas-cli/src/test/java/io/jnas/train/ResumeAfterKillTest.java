package io.jnas.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training run (SIGKILL of a child JVM) right after its first checkpoint (the run halts there on
 * JNAS_HALT_AT=checkpoint:1 and says so), resumes it with {@code jnas resume}, and checks that it ends with the same
 * weights and metrics as an uninterrupted run with the same seed.
 */
class ResumeAfterKillTest {
    @TempDir
    Path tmp;

    private ProcessBuilder jnas(String... args) {
        return new io.jnas.cli.ChildJnas(tmp).builder(args);
    }

    private String[] train(Path out) {
        return new String[] {"train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--epochs", "5",
            "--batch", "32", "--width", "8", "--stages", "2", "--seed", "11", "--cutout", "4", "--out", out.toString()};
    }

    @Test
    void killedRunResumesToTheSameResult() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 3000, 16, 16, 10, true);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 200, 16, 16, 10, true);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(jnas(train(a)).start().waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(a.resolve("result.json")).exists();

        ProcessBuilder halted = jnas(train(b)).redirectErrorStream(false).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        halted.environment().put("JNAS_HALT_AT", "checkpoint:1");
        Process p = halted.start();
        Path state = b.resolve("checkpoint/state.json");
        assertThat(waitFor(p, "jnas-event: checkpoint 1 ")).as("the run signals its first checkpoint").isTrue();
        assertThat(p.isAlive()).as("run halted after its first checkpoint").isTrue();
        // a second process may not write the same run directory while the first one lives
        Process intruder = jnas("resume", b.toString()).start();
        assertThat(intruder.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(intruder.exitValue()).isEqualTo(2);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(b.resolve("result.json")).doesNotExist();
        int done = ((Number) Json.MAPPER.readValue(state.toFile(), Map.class).get("epochs_done")).intValue();
        assertThat(done).isEqualTo(1);

        Process r = jnas("resume", b.toString(), "--json").start();
        assertThat(r.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(r.exitValue()).isZero();

        assertThat(Files.readAllBytes(b.resolve("checkpoint/model.safetensors")))
                .isEqualTo(Files.readAllBytes(a.resolve("checkpoint/model.safetensors")));
        assertThat(deterministic(b)).isEqualTo(deterministic(a));
        Map<?, ?> ra = Json.MAPPER.readValue(a.resolve("result.json").toFile(), Map.class);
        Map<?, ?> rb = Json.MAPPER.readValue(b.resolve("result.json").toFile(), Map.class);
        assertThat(rb.get("test_top1")).isEqualTo(ra.get("test_top1"));
        assertThat(rb.get("test_loss")).isEqualTo(ra.get("test_loss"));
    }

    /** Reads {@code p}'s standard error until a line starts with {@code prefix} (true) or the stream ends (false). */
    static boolean waitFor(Process p, String prefix) throws java.io.IOException {
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** metrics.jsonl without the timing columns. */
    private static List<String> deterministic(Path run) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            Map<?, ?> m = Json.MAPPER.readValue(line, Map.class);
            out.add(m.get("epoch") + " " + m.get("lr") + " " + m.get("train_loss") + " " + m.get("train_top1") + " "
                    + m.get("test_loss") + " " + m.get("test_top1"));
        }
        return out;
    }

}
