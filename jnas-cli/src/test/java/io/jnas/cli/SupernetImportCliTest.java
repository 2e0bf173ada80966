package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jnas supernet import}: bad sources are one line; an OFA checkpoint runs through search nat, finetune and export. */
class SupernetImportCliTest {
    static final Path OFA = Path.of("..", "shared", "fixtures", "ofa-mbv3", "ofa_mbv3_d234_e346_k357_w1.0.random.pth");

    @TempDir
    Path tmp;

    @Test
    void aSourceThatIsNoCheckpointIsOneLine() throws Exception {
        CliTest.userError(CliTest.run("supernet", "import", "--from", tmp.resolve("absent.pth").toString(), "--dataset", "mnist",
                "--out", tmp.resolve("a").toString()), "absent.pth", "does not exist");
        Path text = tmp.resolve("notes.pth");
        Files.writeString(text, "not a checkpoint");
        Path mnist = tinyMnist();
        CliTest.userError(CliTest.run("supernet", "import", "--from", text.toString(), "--dataset", "mnist", "--data",
                mnist.toString(), "--out", tmp.resolve("b").toString()), "notes.pth", "not a PyTorch");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    @Tag("shared")
    void anOfaCheckpointRunsThroughSearchFinetuneAndExport() throws Exception {
        assumeTrue(Files.exists(OFA), "skipped: " + OFA + " is absent (only on jnas developer machines)");
        Path mnist = tinyMnist();
        List<String> data = List.of("--dataset", "mnist", "--data", mnist.toString());
        CliTest.userError(run("supernet", "import", "--from", OFA.toString(), "--width", "1.2", data, "--out", tmp.resolve("w")),
                "--width 1.2 does not match", "use --width 1.0");
        CliTest.userError(run("supernet", "import", "--from", OFA.toString(), "--space", "ofav2", data, "--out", tmp.resolve("v")),
                "--space ofav2 does not match");
        Path sn = tmp.resolve("sn");
        CliTest.Run imp = run("supernet", "import", "--from", OFA.toString(), "--resolutions", "32", data, "--out", sn, "--json");
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out() + imp.err()).contains("a new classifier for 10 classes");
        Path nat = tmp.resolve("nat");
        CliTest.Run s = run("search", "nat", "--space", "ofa", "--supernet", sn.toString(), "--evaluations", "6", "--archive", "4",
                "--candidates", "2", "--export", "1", "--out", nat, "--json");
        assertThat(s.code()).as(s.err()).isZero();
        String best = (String) Json.MAPPER.readValue(s.lastLine(), Map.class).get("best");
        CliTest.Run f = run("finetune", "--supernet", sn.toString(), "--subnet", best, "--epochs", "1", "--export", "onnx",
                "--out", tmp.resolve("ft"), "--json");
        assertThat(f.code()).as(f.err()).isZero();
        assertThat(tmp.resolve("ft").resolve("model.onnx")).isNotEmptyFile();
        CliTest.Run e = run("export", nat.toString(), "--out", tmp.resolve("nat.onnx"), "--json");
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(tmp.resolve("nat.onnx")).isNotEmptyFile();
    }

    /** A 12 px MNIST-format data set of 200 training and 50 test images under tmp/mnist; returns tmp. */
    private Path tinyMnist() throws Exception {
        io.jnas.data.Fixtures.idx(tmp.resolve("mnist"), "train", 200, 12, 12, 10, false);
        io.jnas.data.Fixtures.idx(tmp.resolve("mnist"), "t10k", 50, 12, 12, 10, false);
        return tmp;
    }

    /** Runs the CLI with arguments that may be strings, paths or lists of strings. */
    private static CliTest.Run run(Object... args) {
        List<String> a = new java.util.ArrayList<>();
        for (Object o : args) {
            if (o instanceof List<?> l) {
                l.forEach(x -> a.add(x.toString()));
            } else {
                a.add(o.toString());
            }
        }
        return CliTest.run(a.toArray(String[]::new));
    }
}
