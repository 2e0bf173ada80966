package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl;
import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jnas export and jnas predict from the command line: the exported model reproduces the run's test accuracy. */
class OnnxCliTest {
    @TempDir
    Path tmp;

    @Test
    void trainExportPredictReproducesTheTestAccuracy() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 200, 12, 12, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 60, 12, 12, 10, false);
        Path run = tmp.resolve("run");
        CliTest.Run t = CliTest.run("train", "nb201", "--arch", "|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|"
                + "nor_conv_1x1~1|skip_connect~2|", "--channels", "4", "--cells", "1", "--epochs", "2", "--dataset", "mnist",
                "--data", tmp.toString(), "--export", "onnx", "--out", run.toString(), "--json");
        assertThat(t.code()).as(t.err()).isZero();
        Map<?, ?> trained = Json.MAPPER.readValue(t.lastLine(), Map.class);
        Path onnx = run.resolve("model.onnx");
        assertThat(trained.get("onnx")).isEqualTo(onnx.toString());

        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        Map<String, String> meta = new java.util.HashMap<>();
        model.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
        assertThat(meta).containsKeys("jnas.mean", "jnas.std", "jnas.classes", "jnas.architecture", "jnas.version", "jnas.input");
        assertThat(meta.get("jnas.input_size")).isEqualTo("1x12x12");
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);

        CliTest.Run p = CliTest.run("predict", "--model", onnx.toString(), "--dataset", "mnist", "--data", tmp.toString(),
                "--json");
        assertThat(p.code()).as(p.err()).isZero();
        Map<?, ?> pred = Json.MAPPER.readValue(p.lastLine(), Map.class);
        assertThat(((Number) pred.get("top1")).doubleValue()).isCloseTo(((Number) trained.get("test_top1")).doubleValue(),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(((Number) pred.get("top5")).doubleValue()).isCloseTo(((Number) trained.get("test_top5")).doubleValue(),
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(pred.get("images")).isEqualTo(60);

        CliTest.Run e = CliTest.run("export", run.toString(), "--out", tmp.resolve("again.onnx").toString(), "--opset", "13",
                "--json");
        assertThat(e.code()).as(e.err()).isZero();
        Map<?, ?> ex = Json.MAPPER.readValue(e.lastLine(), Map.class);
        assertThat(ex.get("opset")).isEqualTo(13);
        assertThat(ex.get("input")).isEqualTo(List.of(1, 1, 12, 12));
        assertThat(ex.get("classes")).isEqualTo(10);
        assertThat(ex.get("params")).isEqualTo(trained.get("params"));

        // a folder of images: one row per image, the top classes and their probabilities
        Path folder = tmp.resolve("images");
        Files.createDirectories(folder.resolve("sub"));
        Files.write(folder.resolve("a.png"), Fixtures.png(1, 12, 12));
        Files.write(folder.resolve("sub/b,c.png"), Fixtures.png(2, 20, 16));
        Files.writeString(folder.resolve("notes.txt"), "not an image");
        Path csv = tmp.resolve("pred.csv");
        CliTest.Run f = CliTest.run("predict", "--model", onnx.toString(), "--images", folder.toString(), "--top", "3", "--csv",
                csv.toString(), "--json");
        assertThat(f.code()).as(f.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("file,class_1,probability_1,class_2,probability_2,class_3,probability_3");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).startsWith("a.png,");
        assertThat(rows.get(2)).startsWith("\"sub/b,c.png\",");
        assertThat(Json.MAPPER.readValue(f.lastLine(), Map.class).get("not_images")).isEqualTo(1);

        // bad input: one line each
        Files.write(folder.resolve("broken.jpg"), new byte[] {1, 2, 3});
        CliTest.userError(CliTest.run("predict", "--model", onnx.toString(), "--images", folder.toString(), "--csv", csv.toString()),
                "broken.jpg");
        CliTest.userError(CliTest.run("predict", "--model", tmp.resolve("pred.csv").toString(), "--images", folder.toString()),
                "not an ONNX model");
        Path bare = tmp.resolve("bare.onnx");
        Files.write(bare, model.toBuilder().clearMetadataProps().build().toByteArray());
        CliTest.userError(CliTest.run("predict", "--model", bare.toString(), "--dataset", "mnist", "--data", tmp.toString()),
                "--mean and --std");
        CliTest.Run withNorm = CliTest.run("predict", "--model", bare.toString(), "--dataset", "mnist", "--data", tmp.toString(),
                "--mean", meta.get("jnas.mean").replaceAll("[\\[\\]]", ""), "--std", meta.get("jnas.std").replaceAll("[\\[\\]]", ""),
                "--json");
        assertThat(withNorm.code()).as(withNorm.err()).isZero();
        assertThat(Json.MAPPER.readValue(withNorm.lastLine(), Map.class).get("top1")).isEqualTo(pred.get("top1"));
        CliTest.userError(CliTest.run("predict", "--model", onnx.toString()), "--dataset", "--images");
    }

    @Test
    void whatIsNotAFinishedTrainedNetworkIsRefused() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 60, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 20, 8, 8, 10, false);
        Path est = tmp.resolve("est");
        CliTest.Run r = CliTest.run("estimate", "--space", "nb201", "--estimators", "params", "--sample", "2", "--dataset", "mnist",
                "--data", tmp.toString(), "--out", est.toString());
        assertThat(r.code()).as(r.err()).isZero();
        CliTest.userError(CliTest.run("export", est.toString()), "is not a trained network but a run of 'estimate'", "train or finetune");
        CliTest.userError(CliTest.run("export", tmp.toString()), "not a jnas run directory");
        Path run = tmp.resolve("run");
        assertThat(CliTest.run("train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--epochs", "1", "--width", "4",
                "--stages", "1", "--out", run.toString()).code()).isZero();
        Files.delete(run.resolve("result.json"));
        CliTest.userError(CliTest.run("export", run.toString()), "has not finished", "jnas resume");
        CliTest.userError(CliTest.run("export", run.toString(), "--opset", "9"), "--opset");
    }

    @Test
    @org.junit.jupiter.api.Tag("shared")
    void onRealFashionMnistPredictGivesTheRunsTestAccuracy() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "skipped: install Debian's dataset-fashion-mnist package");
        Path run = tmp.resolve("fm");
        CliTest.Run t = CliTest.run("train", "darts", "--genotype", "DARTS_V2", "--dataset", "fashion-mnist", "--train-size", "500",
                "--epochs", "1", "--channels", "4", "--layers", "5", "--export", "onnx", "--out", run.toString(), "--json");
        assertThat(t.code()).as(t.err()).isZero();
        Map<?, ?> trained = Json.MAPPER.readValue(t.lastLine(), Map.class);
        CliTest.Run p = CliTest.run("predict", "--model", run.resolve("model.onnx").toString(), "--dataset", "fashion-mnist",
                "--json");
        assertThat(p.code()).as(p.err()).isZero();
        Map<?, ?> pred = Json.MAPPER.readValue(p.lastLine(), Map.class);
        assertThat(pred.get("images")).isEqualTo(trained.get("test_images")).isEqualTo(10_000);
        assertThat(((Number) pred.get("top1")).doubleValue()).isCloseTo(((Number) trained.get("test_top1")).doubleValue(),
                org.assertj.core.data.Offset.offset(0.01));
    }
}
