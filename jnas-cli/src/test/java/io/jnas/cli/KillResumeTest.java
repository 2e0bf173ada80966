package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of every long command at a point the run signals (JNAS_HALT_AT), then {@code jnas resume}: the result must be
 * the one of an uninterrupted run with the same seed, bit for bit (every command is deterministic at 2 threads). The
 * kill points include the middle of a checkpoint write (between its two renames).
 */
class KillResumeTest {
    @TempDir
    static Path tmp;
    private static ChildJnas jnas;
    private static String[] data;

    @BeforeAll
    static void fixtures() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 160, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 40, 8, 8, 10, false);
        jnas = new ChildJnas(tmp);
        data = new String[] {"--dataset", "mnist", "--data", tmp.toString(), "--seed", "3"};
    }

    private static String[] args(Path out, String[] head, String... tail) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(List.of(tail));
        a.addAll(List.of("--out", out.toString()));
        return a.toArray(String[]::new);
    }

    /** Runs the command uninterrupted into a/ and killed at {@code haltAt} then resumed into b/; returns {a, b}. */
    private static Path[] killAndResume(String name, String haltAt, String[] command) throws Exception {
        Path a = tmp.resolve(name + "-a");
        Path b = tmp.resolve(name + "-b");
        assertThat(jnas.run(args(a, command))).as(name + " uninterrupted").isZero();
        jnas.killAt(haltAt, args(b, command));
        assertThat(b.resolve("result.json")).as(name + " killed before its end").doesNotExist();
        assertThat(jnas.run("resume", b.toString())).as(name + " resumed").isZero();
        assertThat(result(b, b)).as(name + ": result after kill -9 at " + haltAt + " and resume").isEqualTo(result(a, a));
        return new Path[] {a, b};
    }

    /** result.json without timings and with the run directory's own path replaced, so two runs can be compared. */
    static Map<String, Object> result(Path run, Path self) throws Exception {
        Map<String, Object> r = Json.MAPPER.readValue(run.resolve("result.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
        return normalise(r, self.toString());
    }

    @SuppressWarnings("unchecked")
    private static <T> T normalise(T v, String self) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> {
                String key = k.toString();
                if (!key.contains("second") && !key.contains("time") && !key.equals("throughput") && !key.contains("latency")) {
                    out.put(key, normalise(x, self));
                }
            });
            return (T) out;
        }
        if (v instanceof List<?> l) {
            return (T) l.stream().map(x -> normalise(x, self)).toList();
        }
        if (v instanceof String s) {
            return (T) s.replace(self, "RUN");
        }
        return v;
    }

    /** The columns of a scores.csv without the timing columns. */
    private static List<String> scores(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] head = lines.get(0).split(",");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < f.length; i++) {
                if (!head[i].startsWith("seconds")) {
                    sb.append(f[i]).append(',');
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static String[] with(String[] head, String... more) {
        List<String> a = new ArrayList<>(List.of(head));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static final String[] MOTE = {"--mote-epochs", "1", "--mote-g", "1", "--rd-images", "5", "--rd-test-images", "2",
        "--ra-size", "8", "--mote-width", "8"};

    @Test
    void estimate() throws Exception {
        String[] cmd = with(with(new String[] {"estimate", "--space", "nb201", "--estimators", "mote,params,naswot", "--sample",
            "4"}, data), MOTE);
        Path[] ab = killAndResume("estimate", "score:2", cmd);
        assertThat(scores(ab[1].resolve("scores.csv"))).isEqualTo(scores(ab[0].resolve("scores.csv")));
    }

    /**
     * The driver of a Spark run killed after its second recorded score resumes and submits only the rest; the scores are
     * those of the same study in worker processes (SparkEngineTest: the cluster gives the workers' scores).
     */
    @Test
    void estimateOnSpark() throws Exception {
        String[] study = with(new String[] {"estimate", "--space", "nb201", "--estimators", "params,naswot", "--sample", "4",
            "--threads", "1"}, data);
        Path a = tmp.resolve("estimate-workers");
        Path b = tmp.resolve("estimate-spark");
        assertThat(jnas.run(args(a, with(study, "--workers", "2")))).as("the study in worker processes").isZero();
        jnas.killAt("score:2", args(b, with(study, "--engine", "spark:local-cluster[2,1,1024]")));
        assertThat(b.resolve("result.json")).as("killed before its end").doesNotExist();
        assertThat(jnas.run("resume", b.toString())).as("resumed").isZero();
        assertThat(scores(b.resolve("scores.csv"))).isEqualTo(scores(a.resolve("scores.csv")));
        Path resumeLog;
        try (var logs = Files.list(tmp)) {
            resumeLog = logs.filter(p -> p.getFileName().toString().startsWith("log-")).max(java.util.Comparator.comparingLong(
                    p -> Long.parseLong(p.getFileName().toString().substring(4)))).orElseThrow();
        }
        assertThat(Files.readString(resumeLog)).containsPattern("\\b[12] candidates to score on Spark");
    }

    /**
     * A strategy declared in test code (io.jnas.toy.Climb) keeps state between rounds: killed right after its second
     * round's checkpoint, the run resumes from that state (not from round 0) and ends as the uninterrupted one did.
     */
    @Test
    void searchMoteWithADeclaredStatefulStrategy() throws Exception {
        String[] cmd = {"search", "mote", "--space", "toy", "--estimator", "toy", "--variant", "ef", "--strategy", "climb",
            "--strategy-option", "batch=3", "--strategy-option", "rounds=5", "--seed", "4"};
        Path[] ab = killAndResume("climb", "checkpoint:2", cmd);
        Map<String, Object> state = Json.MAPPER.readValue(ab[1].resolve("checkpoint/state.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                });
        assertThat(state.get("round")).isEqualTo(4);
        assertThat(result(ab[1], ab[1]).get("evaluated")).isEqualTo(15);
        assertThat(Files.readAllLines(ab[1].resolve("metrics.jsonl"))).as("each architecture scored once").hasSize(15);
    }

    @Test
    void searchMote() throws Exception {
        killAndResume("mote", "metrics:5", with(with(new String[] {"search", "mote", "--variant", "ef", "--iterations", "1",
            "--initial", "3"}, data), MOTE));
    }

    @Test
    void searchMaeNas() throws Exception {
        Path[] ab = killAndResume("mae", "checkpoint:1", with(new String[] {"search", "mae-nas", "--space", "nb201", "--epochs",
            "3", "--channels", "4", "--layers", "1", "--batch", "16", "--train-size", "64"}, data));
        assertThat(Files.readAllBytes(ab[1].resolve("checkpoint/model.safetensors")))
                .isEqualTo(Files.readAllBytes(ab[0].resolve("checkpoint/model.safetensors")));
    }

    @Test
    void supernetTrainThenImportThenNatSearchThenFinetune() throws Exception {
        // 40 images (30 train, 10 validation: one step per epoch) and one subnet per shrinking step keep the twelve phases
        // and their checkpoints at a quarter of the time of the whole fixture
        String[] small = {"--train-size", "40", "--val-fraction", "0.2"};
        String[] sn = with(with(new String[] {"supernet", "train", "--space", "ofav2", "--full-epochs", "1", "--phase-epochs",
            "1", "--resolutions", "32", "--batch", "32", "--subnets", "1"}, data), small);
        // killed between the two renames of its tenth checkpoint (of twelve phases): checkpoint/ is gone, checkpoint.new/
        // is complete
        Path[] s = killAndResume("supernet", "checkpoint-moved:9", sn);
        assertThat(Files.readAllBytes(s[1].resolve(io.jnas.train.ofa.TrainedSupernet.WEIGHTS)))
                .isEqualTo(Files.readAllBytes(s[0].resolve(io.jnas.train.ofa.TrainedSupernet.WEIGHTS)));
        // a transfer from that super-network to the same data (classifiers kept), killed after its first checkpoint
        Path[] t = killAndResume("import", "checkpoint:1", with(new String[] {"supernet", "import", "--from", s[0].toString(),
            "--full-epochs", "2", "--resolutions", "32", "--batch", "32"}, with(data, small)));
        assertThat(Files.readAllBytes(t[1].resolve(io.jnas.train.ofa.TrainedSupernet.WEIGHTS)))
                .isEqualTo(Files.readAllBytes(t[0].resolve(io.jnas.train.ofa.TrainedSupernet.WEIGHTS)));
        Path[] n = killAndResume("nat", "checkpoint:1", new String[] {"search", "nat", "--supernet", s[0].toString(),
            "--archive", "6", "--iterations", "2", "--candidates", "2", "--predictor", "rbf", "--folds", "1", "--adapt-epochs",
            "1", "--export", "1", "--seed", "3"});
        assertThat(Files.readAllBytes(n[1].resolve("subnets/0.safetensors")))
                .isEqualTo(Files.readAllBytes(n[0].resolve("subnets/0.safetensors")));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) ((List<?>) result(n[0], n[0]).get("front")).get(0);
        killAndResume("finetune", "checkpoint:1", new String[] {"finetune", "--subnet", (String) first.get("arch"), "--supernet",
            s[0].toString(), "--epochs", "3", "--patience", "3", "--seed", "3"});
    }
}
