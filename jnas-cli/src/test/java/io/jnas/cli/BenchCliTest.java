package io.jnas.cli;

import static io.jnas.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jnas bench supernet (OFA spaces, rates against the measured peak, profile) and bench estimate from the command line. */
class BenchCliTest {

    @Test
    void supernetOfaReportsImagesPerSecondAgainstThePeak(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.json");
        CliTest.Run r = run("bench", "supernet", "--space", "ofav2", "--mode", "random", "--width", "0.5", "--batch", "2", "--steps",
                "1", "--warmup", "0", "--profile", trace.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> res = parse(r.lastLine());
        assertThat(res).containsKeys("images_per_s", "ms_per_step", "update_ms", "macs_per_image", "gflops", "peak_gflops",
                "fraction_of_peak", "profile").containsEntry("space", "ofav2").containsEntry("mode", "random");
        assertThat(((Number) res.get("peak_gflops")).doubleValue()).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Object> prof = (Map<String, Object>) res.get("profile");
        assertThat(((Number) prof.get("native_ops_per_step")).longValue()).isPositive();
        assertThat(Files.size(trace)).isPositive();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) throws Exception {
        return Json.MAPPER.readValue(line, Map.class);
    }

    @Test
    void badSettingsAreOneLine() {
        CliTest.userError(run("bench", "supernet", "--space", "ofa", "--mode", "smallest"), "--mode must be largest, random or evaluate");
        CliTest.userError(run("bench", "supernet", "--space", "ofa", "--steps", "0"), "--steps must be >= 1");
        CliTest.userError(run("bench", "supernet", "--space", "ofa", "--mode", "evaluate", "--runtime", "gpu"),
                "--runtime must be ort or jnas");
        CliTest.userError(run("bench", "supernet", "--space", "ofa", "--mode", "evaluate", "--profile", "t.json"),
                "--profile profiles training steps");
    }

    @Test
    void estimateGivesCandidatesPerMinutePerEstimator(@TempDir Path dir) throws Exception {
        CliTest.Run r = run("bench", "estimate", "--estimators", "params,flops", "--count", "3", "--out", dir.resolve("b").toString(),
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> res = parse(r.lastLine());
        assertThat(res).containsEntry("candidates", 3).containsKeys("candidates_per_minute", "setup_seconds");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> per = (Map<String, Map<String, Object>>) res.get("estimators");
        assertThat(per).containsOnlyKeys("params", "flops");
        assertThat(((Number) per.get("params").get("candidates_per_minute")).doubleValue()).isPositive();
    }
}
