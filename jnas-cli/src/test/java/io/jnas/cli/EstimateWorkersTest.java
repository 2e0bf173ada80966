package io.jnas.cli;

import static io.jnas.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * estimate and search mote with --workers: candidates scored in worker processes, the same scores however many, a
 * killed worker costs only its task.
 */
class EstimateWorkersTest {
    @TempDir
    Path tmp;

    private CliTest.Run estimate(String workers, Path out) {
        return run("estimate", "--space", "nb201", "--estimators", "naswot,params,az_nas", "--sample", "8", "--dataset", "mnist",
                "--data", tmp.toString(), "--workers", workers, "--threads", "1", "--out", out.toString(), "--json");
    }

    /** scores.csv without the seconds columns, by architecture. */
    static Map<String, List<String>> scores(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("scores.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] v = l.split(",");
            List<String> kept = new java.util.ArrayList<>();
            for (int i = 1; i < v.length; i++) {
                if (!header.get(i).startsWith("seconds")) {
                    kept.add(header.get(i) + "=" + v[i]);
                }
            }
            m.put(v[0], kept);
        }
        return m;
    }

    @Test
    void workersGiveTheSameScoresAndAKilledWorkerCostsOnlyItsTask() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 120, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 30, 8, 8, 10, false);
        CliTest.Run one = estimate("1", tmp.resolve("one"));
        assertThat(one.code()).as(one.err()).isZero();
        CliTest.Run two = estimate("2", tmp.resolve("two"));
        assertThat(two.code()).as(two.err()).isZero();
        Map<String, List<String>> reference = scores(tmp.resolve("one"));
        assertThat(reference).hasSize(8);
        assertThat(scores(tmp.resolve("two"))).isEqualTo(reference);
        Map<?, ?> res = Json.MAPPER.readValue(two.lastLine(), Map.class);
        assertThat(((Map<?, ?>) res.get("workers")).get("processes")).isEqualTo(2);
        assertThat(tmp.resolve("two/workers/worker-1.log")).exists();

        // worker 0 halts right after its first result; it is killed by its pid, as a lost executor would be
        System.setProperty("jnas.worker.halt", "0:task-scored:1");
        CompletableFuture<CliTest.Run> killed;
        try {
            killed = CompletableFuture.supplyAsync(() -> estimate("2", tmp.resolve("killed")));
            Path log = tmp.resolve("killed/workers/worker-0.log");
            long pid = -1;
            for (int i = 0; i < 600 && pid < 0; i++) {
                Thread.sleep(100);
                if (Files.exists(log)) {
                    pid = Files.readAllLines(log).stream().filter(l -> l.startsWith("jnas-event: task-scored 1 "))
                            .mapToLong(l -> Long.parseLong(l.split(" ")[3])).findFirst().orElse(-1);
                }
            }
            assertThat(pid).as("worker 0 signalled its first result").isPositive();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        } finally {
            System.clearProperty("jnas.worker.halt");
        }
        CliTest.Run k = killed.get(5, TimeUnit.MINUTES);
        assertThat(k.code()).as(k.err()).isZero();
        assertThat(k.out() + k.err()).contains("worker 0 died while scoring");
        assertThat(scores(tmp.resolve("killed"))).isEqualTo(reference);
    }

    private CliTest.Run search(String workers, Path out) {
        return run("search", "mote", "--estimator", "ensemble", "--ensemble", "naswot,params", "--variant", "ef", "--initial",
                "6", "--iterations", "2", "--dataset", "mnist", "--data", tmp.toString(), "--workers", workers, "--threads", "1",
                "--out", out.toString(), "--json");
    }

    /** metrics.jsonl's scores by architecture, without seconds. */
    static Map<String, Object> searchScores(Path run) throws Exception {
        Map<String, Object> m = new java.util.TreeMap<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            Map<?, ?> r = Json.MAPPER.readValue(l, Map.class);
            if (r.containsKey("arch")) {
                m.put((String) r.get("arch"), r.get("terms"));
            }
        }
        return m;
    }

    @Test
    void searchMoteOnWorkersFindsWhatOneWorkerFinds() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 120, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 30, 8, 8, 10, false);
        CliTest.Run one = search("1", tmp.resolve("s1"));
        assertThat(one.code()).as(one.err()).isZero();
        CliTest.Run two = search("2", tmp.resolve("s2"));
        assertThat(two.code()).as(two.err()).isZero();
        Map<?, ?> a = Json.MAPPER.readValue(one.lastLine(), Map.class);
        Map<?, ?> b = Json.MAPPER.readValue(two.lastLine(), Map.class);
        assertThat(b.get("arch")).isEqualTo(a.get("arch"));
        assertThat(b.get("evaluated")).isEqualTo(26);
        assertThat(searchScores(tmp.resolve("s2"))).isEqualTo(searchScores(tmp.resolve("s1"))).hasSize(26);
    }
}
