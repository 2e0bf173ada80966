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

/** jnas latency and latency as a search objective, from the command line. */
class LatencyCliTest {
    private static final Path TABLE = Path.of("../shared/data/nb201");
    private static final String CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|"
            + "nor_conv_3x3~2|";
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void measuresACellAndAnOfaSubnetAndPredictsOnceAModelIsBuilt() throws Exception {
        // this test's model (7 classes) starts unbuilt, whatever an earlier run left in the tests' cache
        Path stored = io.jnas.latency.LatencyTable.folder(io.jnas.latency.Device.here(new io.jnas.latency.MeasureOptions("ort", 1,
                1, 1, 5))).resolve("nb201-C16-N5-3x32-7cls.json");
        Files.deleteIfExists(stored);
        CliTest.Run m = CliTest.run("latency", "--space", "nb201", "--arch", CELL, "--repeats", "5", "--warmup", "1",
                "--classes", "7", "--json");
        assertThat(m.code()).as(m.err()).isZero();
        Map<?, ?> r = Json.MAPPER.readValue(m.lastLine(), Map.class);
        assertThat(((Number) r.get("measured_ms")).doubleValue()).isPositive();
        assertThat(r.get("repeats")).isEqualTo(5);
        assertThat(r.get("predicted_ms")).isNull();
        assertThat((Map<String, Object>) r.get("device")).containsEntry("runtime", "ort").containsEntry("batch", 1).containsKey("cpu");

        CliTest.Run b = CliTest.run("latency", "build", "--space", "nb201", "--cells", "30", "--repeats", "5", "--warmup", "1", "--spread", "0",
                "--classes", "7", "--json");
        assertThat(b.code()).as(b.err()).isZero();
        assertThat(Path.of((String) Json.MAPPER.readValue(b.lastLine(), Map.class).get("model"))).isEqualTo(stored).exists();
        CliTest.Run again = CliTest.run("latency", "--space", "nb201", "--arch", CELL, "--repeats", "5", "--warmup", "1", "--spread", "0",
                "--classes", "7", "--json");
        assertThat(((Number) Json.MAPPER.readValue(again.lastLine(), Map.class).get("predicted_ms")).doubleValue()).isPositive();

        CliTest.Run o = CliTest.run("latency", "--space", "ofa", "--subnet", "{\"ks\":[3,5,7,3,5,7,3,5,7,3],\"e\":[3,4,6,3,4,6,3,4,6,3],"
                + "\"d\":[2,2,2,2,2],\"r\":32,\"w\":1.0}", "--runtime", "jnas", "--repeats", "5", "--warmup", "1", "--json");
        assertThat(o.code()).as(o.err()).isZero();
        Map<?, ?> ofa = Json.MAPPER.readValue(o.lastLine(), Map.class);
        assertThat(((Number) ofa.get("measured_ms")).doubleValue()).isPositive();
        assertThat((Map<String, Object>) ofa.get("device")).containsEntry("runtime", "jnas");
    }

    /** --run measures the network a finished run found; a run that found none, or --run beside --arch, is one line. */
    @Test
    void measuresTheArchitectureARunFound() throws Exception {
        Path run = tmp.resolve("mote");
        CliTest.Run s = CliTest.run("search", "mote", "--space", "nb201", "--estimator", "params", "--variant", "ef", "--initial",
                "3", "--iterations", "1", "--seed", "2", "--out", run.toString(), "--json");
        assertThat(s.code()).as(s.err()).isZero();
        String found = (String) Json.MAPPER.readValue(s.lastLine(), Map.class).get("arch");
        CliTest.Run m = CliTest.run("latency", "--run", run.toString(), "--repeats", "5", "--warmup", "1", "--spread", "0", "--json");
        assertThat(m.code()).as(m.err()).isZero();
        Map<?, ?> r = Json.MAPPER.readValue(m.lastLine(), Map.class);
        assertThat(r.get("arch")).isEqualTo(found);
        assertThat(r.get("network")).asString().contains("search");
        assertThat(((Number) r.get("measured_ms")).doubleValue()).isPositive();
        assertThat(r.get("repeats")).isEqualTo(5);

        CliTest.userError(CliTest.run("latency", "--run", run.toString(), "--arch", CELL), "give one network to measure");
        CliTest.userError(CliTest.run("latency", "--run", tmp.resolve("none").toString()), "no finished run");
        Path est = tmp.resolve("est");
        assertThat(CliTest.run("estimate", "--space", "nb201", "--estimators", "params", "--sample", "3", "--out", est.toString())
                .code()).isZero();
        CliTest.userError(CliTest.run("latency", "--run", est.toString()), "finds or trains no network");
    }

    @Test
    void badOptionsAreOneLine() throws Exception {
        CliTest.Run r = CliTest.run("latency", "--arch", CELL, "--runtime", "tvm");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("jnas: --runtime must be ort or jnas, got 'tvm'");
        CliTest.Run s = CliTest.run("latency", "--space", "nope", "--arch", CELL);
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("nope");
        CliTest.Run n = CliTest.run("search", "nat", "--space", "nb201", "--table", tmp.toString(), "--objectives", "error,speed");
        assertThat(n.code()).isEqualTo(2);
        assertThat(n.err()).contains("params, macs and latency");
    }

    @Test
    @Tag("shared")
    void aSearchWithLatencyMeasuresItsFront() throws Exception {
        assumeTrue(Files.isDirectory(TABLE), "skipped: " + TABLE + " is absent (only on jnas developer machines)");
        Path run = tmp.resolve("nat");
        CliTest.Run r = CliTest.run("search", "nat", "--space", "nb201", "--table", TABLE.toString(), "--objectives",
                "error,latency", "--evaluations", "40", "--latency-cells", "30", "--latency-spread", "0", "--seed", "1", "--out", run.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<Map<String, Object>> front = Json.MAPPER.readValue(run.resolve("front.json").toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<>() {
                });
        assertThat(front).isNotEmpty().allSatisfy(m -> {
            assertThat(((Number) m.get("latency_ms")).doubleValue()).isPositive();
            assertThat(((Number) m.get("predicted_latency_ms")).doubleValue()).isPositive();
        });
        assertThat(run.resolve("front_error_latency.png")).exists();
        assertThat(Files.readString(run.resolve("config.yaml"))).as("the model's cell count is the run's").contains("cells: 30");
        assertThat(Files.readString(run.resolve("metrics.jsonl"))).contains("\"latency_ms\"");
    }
}
