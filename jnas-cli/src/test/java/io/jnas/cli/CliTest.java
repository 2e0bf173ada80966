package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: exit codes, one-line user errors, --json as the last stdout line. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static void userError(Run r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String e = r.err().strip();
        assertThat(e.split("\n")).as("one line: " + e).hasSize(1);
        assertThat(e).doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(e).contains(f);
        }
    }

    @Test
    void costDartsJson() throws Exception {
        Run r = run("cost", "darts", "--channels", "36", "--layers", "20", "--classes", "10", "--json");
        assertThat(r.code()).isZero();
        Map<?, ?> m = Json.MAPPER.readValue(r.lastLine(), Map.class);
        assertThat(((Number) m.get("params")).longValue()).isEqualTo(3_349_342L);
        assertThat(((Number) m.get("macs")).longValue()).isPositive();
    }

    @Test
    void costNb201Json() throws Exception {
        Run r = run("cost", "nb201", "--arch", "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
                "--classes", "10", "--json");
        Map<?, ?> m = Json.MAPPER.readValue(r.lastLine(), Map.class);
        assertThat(((Number) m.get("params")).longValue()).isEqualTo(1_531_546L);
    }

    @Test
    void badArchitecturesAreOneLine() {
        userError(run("cost", "darts", "--genotype", io.jnas.space.darts.Genotype.DARTS_V2.toString()
                .replace("('sep_conv_3x3', 0)", "('sep_conv_3x4', 0)")), "sep_conv_3x4");
        userError(run("cost", "darts", "--genotype", "Genotype(normal=[('sep_conv_3x3', 0)])"), "normal_concat");
        userError(run("cost", "nb201", "--arch", "|none~0|+|none~0|none~1|"), "has 2 node groups separated by '+', expected 3");
        userError(run("train", "nb201", "--arch", "|bad~0|+|none~0|none~1|+|none~0|none~1|none~2|"), "'bad'");
    }

    @Test
    void badOptionsAreOneLine() {
        userError(run("cost", "darts", "--channels", "x"), "--channels");
        userError(run("cost", "darts", "--no-such-option"), "no-such-option");
        userError(run("train", "cnn", "--epochs", "0", "--dataset", "mnist", "--data", tmp.toString()), "--epochs");
        userError(run("train", "cnn", "--optimizer", "rmsprop"), "--optimizer");
        userError(run("resume", tmp.toString()), "not a jnas run directory");
    }

    @Test
    void missingOrCorruptDataIsOneLine() throws Exception {
        userError(run("data", "--dataset", "mnist", "--data", tmp.resolve("none").toString()), "mnist not found", "--download");
        Fixtures.idx(tmp.resolve("mnist"), "train", 20, 4, 4, 10, true);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 20, 4, 4, 10, true);
        Fixtures.truncate(tmp.resolve("mnist/t10k-labels-idx1-ubyte.gz"), 20);
        userError(run("train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--out", tmp.resolve("r").toString()),
                "t10k-labels-idx1-ubyte.gz");
        userError(run("data", "--dataset", "nosuchset"), "unknown data set 'nosuchset'");
    }

    @Test
    void trainWritesARunDirectoryAndJson() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 200, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 50, 8, 8, 10, false);
        Path out = tmp.resolve("run");
        Run r = run("train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--epochs", "2", "--width", "4",
                "--stages", "1", "--out", out.toString(), "--json", "--seed", "4");
        assertThat(r.code()).as(r.err()).isZero();
        Map<?, ?> m = Json.MAPPER.readValue(r.lastLine(), Map.class);
        assertThat(m.get("run_dir")).isEqualTo(out.toString());
        for (String f : new String[] {"config.yaml", "metrics.jsonl", "checkpoint/model.safetensors",
                "checkpoint/optimizer.safetensors", "checkpoint/state.json", "result.json", "report.html", "loss.png"}) {
            assertThat(out.resolve(f)).exists();
        }
        String config = java.nio.file.Files.readString(out.resolve("config.yaml"));
        assertThat(config).contains("seed: 4").contains("libtorch").contains("djl");
        userError(run("train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--out", out.toString()), "jnas resume");
        // a checkpoint that no longer fits an edited config.yaml is a user error, not a crash
        Path edited = tmp.resolve("edited");
        java.nio.file.Files.createDirectories(edited.resolve("checkpoint"));
        for (String f : new String[] {"checkpoint/model.safetensors", "checkpoint/optimizer.safetensors", "checkpoint/state.json"}) {
            java.nio.file.Files.copy(out.resolve(f), edited.resolve(f));
        }
        java.nio.file.Files.writeString(edited.resolve("config.yaml"),
                config.replace("channels: 4", "channels: 6").replace(out.toString(), edited.toString()));
        userError(run("resume", edited.toString()), "does not match");
        // resuming a finished run re-evaluates and reports the same figures
        Run again = run("resume", out.toString(), "--json");
        assertThat(again.code()).isZero();
        assertThat(Json.MAPPER.readValue(again.lastLine(), Map.class).get("test_top1")).isEqualTo(m.get("test_top1"));
    }

    @Test
    void estimateWritesScoresAndResumesWithoutRecomputing() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 200, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 50, 8, 8, 10, false);
        Path csv = tmp.resolve("scores.csv");
        Run r = run("estimate", "--space", "nb201", "--estimators", "mote,params,naswot", "--sample", "3", "--dataset", "mnist",
                "--data", tmp.toString(), "--mote-epochs", "1", "--mote-g", "1", "--rd-images", "5", "--rd-test-images", "2",
                "--ra-size", "8", "--mote-width", "8", "--out", csv.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("arch,mote,mote_raw,mote_landscape,mote_speed,params,naswot,seconds,seconds_mote,"
                + "seconds_params,seconds_naswot");
        assertThat(lines).hasSize(4);
        assertThat(tmp.resolve("scores/mote_calibration.json")).exists();
        Run again = run("resume", tmp.resolve("scores").toString(), "--json");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(java.nio.file.Files.readAllLines(csv)).isEqualTo(lines);
        userError(run("estimate", "--estimators", "mote,magic", "--dataset", "mnist", "--data", tmp.toString()), "magic");
        userError(run("estimate", "--space", "nb201", "--estimators", "supernet"), "give --supernet DIR");
        userError(run("estimate", "--space", "nb201", "--estimators", "params", "--supernet", tmp.toString()),
                "holds no trained super-network");
    }

    @Test
    void estimateWithoutOutWritesARunDirectoryUnderRuns() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 60, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 20, 8, 8, 10, false);
        Run r = run("estimate", "--space", "nb201", "--estimators", "params", "--sample", "2", "--dataset", "mnist", "--data",
                tmp.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Path dir = Path.of((String) Json.MAPPER.readValue(r.lastLine(), Map.class).get("run_dir"));
        try {
            assertThat(dir.getParent()).isEqualTo(Path.of("runs"));
            assertThat(dir.getFileName().toString()).startsWith("estimate-").endsWith("-s0");
            assertThat(java.nio.file.Files.readAllLines(dir.resolve("scores.csv"))).hasSize(3);
            assertThat(Path.of("scores.csv")).doesNotExist();
            assertThat(Path.of("scores")).doesNotExist();
        } finally {
            io.jnas.run.RunDir.deleteTree(dir);
        }
    }

    @Test
    void trainDartsOn28PixelImages() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 16, 28, 28, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 8, 28, 28, 10, false);
        Run r = run("train", "darts", "--genotype", "DARTS_V2", "--dataset", "mnist", "--data", tmp.toString(), "--epochs", "1",
                "--channels", "4", "--layers", "5", "--batch", "8", "--out", tmp.resolve("d").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readValue(r.lastLine(), Map.class)).containsKey("test_top1");
    }

    @Test
    void demoDownloadsAMissingDataSetUnlessToldNot() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        System.setProperty("jnas.data.mirror", "http://127.0.0.1:" + closed);
        try {
            // mnist is in no default root of a test machine: the demo tries the (unreachable) mirror
            userError(run("demo", "--dataset", "mnist", "--data", tmp.toString(), "--out", tmp.resolve("d").toString()),
                    "mnist is not on this machine and cannot reach http://127.0.0.1:" + closed, "--data FOLDER");
            userError(run("demo", "--dataset", "mnist", "--data", tmp.toString(), "--no-download"), "mnist not found",
                    "--download");
            userError(run("train", "cnn", "--dataset", "mnist", "--data", tmp.toString()), "mnist not found", "--download");
        } finally {
            System.clearProperty("jnas.data.mirror");
        }
        assertThat(tmp.resolve("d")).doesNotExist();
    }

    @Test
    void moteSearchEvaluationFree() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 200, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 50, 8, 8, 10, false);
        Run r = run("search", "mote", "--variant", "ef", "--iterations", "1", "--initial", "3", "--dataset", "mnist", "--data",
                tmp.toString(), "--mote-epochs", "1", "--mote-g", "1", "--rd-images", "5", "--rd-test-images", "2",
                "--ra-size", "8", "--mote-width", "8", "--out", tmp.resolve("m").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<?, ?> m = Json.MAPPER.readValue(r.lastLine(), Map.class);
        assertThat(m.get("evaluated")).isEqualTo(13);
        // evaluation-free: the architecture returned is the one with the best recorded estimate
        String best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (String line : java.nio.file.Files.readAllLines(tmp.resolve("m/metrics.jsonl"))) {
            Map<?, ?> row = Json.MAPPER.readValue(line, Map.class);
            if (row.get("value") instanceof Number v && v.doubleValue() > top) {
                top = v.doubleValue();
                best = (String) row.get("arch");
            }
        }
        assertThat(m.get("arch")).isEqualTo(best);
        userError(run("search", "mote", "--variant", "topk", "--dataset", "mnist", "--data", tmp.toString()), "--table");
    }

    @Test
    void natPipelineSupernetSearchFinetuneAndResume() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 160, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 40, 8, 8, 10, false);
        Path sn = tmp.resolve("sn");
        Run t = run("supernet", "train", "--space", "ofa", "--dataset", "mnist", "--data", tmp.toString(), "--full-epochs", "1",
                "--phase-epochs", "0", "--resolutions", "32", "--batch", "32", "--out", sn.toString(), "--json");
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(sn.resolve(io.jnas.train.ofa.TrainedSupernet.WEIGHTS)).exists();
        assertThat(sn.resolve(io.jnas.train.ofa.TrainedSupernet.SPEC)).exists();
        assertThat(sn.resolve("report.html")).exists();
        Path nat = tmp.resolve("nat");
        Run s = run("search", "nat", "--supernet", sn.toString(), "--archive", "6", "--iterations", "1", "--candidates", "2",
                "--predictor", "rbf", "--folds", "1", "--adapt-epochs", "1", "--export", "1", "--out", nat.toString(), "--json");
        assertThat(s.code()).as(s.err()).isZero();
        Map<?, ?> m = Json.MAPPER.readValue(s.lastLine(), Map.class);
        assertThat((java.util.List<?>) m.get("hypervolume")).hasSize(2);
        java.util.List<?> front = (java.util.List<?>) m.get("front");
        assertThat(front).isNotEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) front.get(0);
        assertThat(first.keySet()).contains("arch", "error", "val_error", "params", "macs", "high_tradeoff");
        assertThat(m.get("evaluated")).isEqualTo(8);
        for (String f : new String[] {"front.csv", "front.json", "hypervolume.png", "front_error_macs.png", "subnets/0.safetensors",
            "subnets/0.json", "report.html", "checkpoint/state.json"}) {
            assertThat(nat.resolve(f)).exists();
        }
        // resuming a finished search replays its scores and reports the same front
        Run again = run("resume", nat.toString(), "--json");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Json.MAPPER.readValue(again.lastLine(), Map.class).get("front")).isEqualTo(m.get("front"));
        Run f = run("finetune", "--subnet", (String) first.get("arch"), "--supernet", sn.toString(), "--epochs", "2",
                "--patience", "1", "--export", "onnx", "--out", tmp.resolve("ft").toString(), "--json");
        assertThat(f.code()).as(f.err()).isZero();
        Map<?, ?> ft = Json.MAPPER.readValue(f.lastLine(), Map.class);
        assertThat(ft.get("best_epochs")).isIn(1, 2);
        // the fine-tuned network and the search's exported subnet, as ONNX, score what jnas measured on the test split
        Run pf = run("predict", "--model", (String) ft.get("onnx"), "--dataset", "mnist", "--data", tmp.toString(), "--json");
        assertThat(pf.code()).as(pf.err()).isZero();
        assertThat(((Number) Json.MAPPER.readValue(pf.lastLine(), Map.class).get("top1")).doubleValue())
                .isCloseTo(((Number) ft.get("test_top1")).doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        Run ex = run("export", nat.toString(), "--subnet", "0", "--out", tmp.resolve("s0.onnx").toString(), "--json");
        assertThat(ex.code()).as(ex.err()).isZero();
        Run ps = run("predict", "--model", tmp.resolve("s0.onnx").toString(), "--dataset", "mnist", "--data", tmp.toString(),
                "--json");
        assertThat(ps.code()).as(ps.err()).isZero();
        assertThat(((Number) Json.MAPPER.readValue(ps.lastLine(), Map.class).get("top1")).doubleValue())
                .isCloseTo(100 - ((Number) first.get("error")).doubleValue(), org.assertj.core.data.Offset.offset(0.01));
        userError(run("export", nat.toString(), "--subnet", "3"), "exported no subnet 3", "--subnet 0..0");
        userError(run("finetune", "--subnet", "{\"ks\":[3]}", "--supernet", sn.toString()), "\"e\"");
        userError(run("search", "nat", "--supernet", tmp.toString()), "supernet train");
        userError(run("search", "nat", "--supernet", sn.toString(), "--objectives", "params,error"), "objectives");
        // with --supernet, options that would train or load differently are refused, not silently ignored
        userError(run("search", "nat", "--supernet", sn.toString(), "--full-epochs", "3"), "--full-epochs", "drop");
        userError(run("search", "nat", "--supernet", sn.toString(), "--dataset", "cifar10"), "mnist", "drop --dataset");
    }
}
