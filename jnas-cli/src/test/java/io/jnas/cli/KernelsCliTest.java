package io.jnas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel checks from the command line, in child JVMs with their own cache folder: a primitive broken on purpose
 * (JNAS_KERNEL_FAULT) is named by the checks under every setting, training refuses with one line naming it, and jnas
 * doctor fails naming it; a right machine passes the doctor, and a run's config.yaml records the setting and the check.
 */
class KernelsCliTest {
    private static final String FAULT = "conv2d 24→24 k3 s1 d1 g1 16px";

    @TempDir
    Path tmp;

    private record Out(int code, String out, String err) {
    }

    @BeforeEach
    void data() throws IOException {
        Fixtures.idx(tmp.resolve("mnist"), "train", 64, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 16, 8, 8, 10, false);
    }

    /** jnas ARGS in a child JVM with {@code env}; a fault gets a cache folder of its own (the test JVM's is right). */
    private Out jnas(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder b = ChildJnas.java(List.of("-Xmx2g"), "io.jnas.cli.Main", args);
        if (env.containsKey("JNAS_KERNEL_FAULT")) {
            b.environment().put("JNAS_CACHE", tmp.resolve("cache").toString());
        }
        b.environment().putAll(env);
        Path out = tmp.resolve("out-" + System.nanoTime());
        Path err = tmp.resolve("err-" + System.nanoTime());
        Process p = b.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("jnas " + String.join(" ", args) + " did not end in 5 minutes");
        }
        return new Out(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private String[] train(String dir) {
        return new String[] {"train", "cnn", "--dataset", "mnist", "--data", tmp.toString(), "--epochs", "1", "--width", "4",
            "--stages", "1", "--out", tmp.resolve(dir).toString(), "--seed", "3"};
    }

    @Test
    void aBrokenPrimitiveIsNamedAndTrainingRefuses() throws Exception {
        Out r = jnas(Map.of("JNAS_KERNEL_FAULT", FAULT), train("run"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        List<String> lines = r.err().strip().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).startsWith("jnas: libtorch's kernels give wrong results on this machine under every setting")
                .contains("onednn:off: " + FAULT + " at 2 threads: error ").contains("in the gradient of the input")
                .contains("jnas doctor");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.startsWith("kernels: "));
        assertThat(tmp.resolve("run")).doesNotExist();
        Path profile;
        try (var files = Files.list(tmp.resolve("cache/kernels"))) {
            profile = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Map<?, ?> p = Json.MAPPER.readValue(profile.toFile(), Map.class);
        assertThat(p.get("chosen")).isNull();
        List<?> tried = (List<?>) p.get("tried");
        assertThat(tried).hasSizeGreaterThanOrEqualTo(2).allMatch(t -> Boolean.FALSE.equals(((Map<?, ?>) t).get("ok")));
        Map<?, ?> lastTried = (Map<?, ?>) tried.get(tried.size() - 1); // settings above it may fail for this machine's own faults
        assertThat(lastTried.get("setting")).isEqualTo("onednn:off");
        assertThat(lastTried.get("failed_check")).isEqualTo(FAULT);

        Out doctor = jnas(Map.of("JNAS_KERNEL_FAULT", FAULT), "doctor");
        assertThat(doctor.code()).isEqualTo(1);
        assertThat(doctor.out()).contains("FAIL " + FAULT).contains("checks FAIL; first: " + FAULT);
    }

    @Test
    void aUsersOwnSettingIsKeptAndRefusedWhenItFails() throws Exception {
        Out r = jnas(Map.of("JNAS_KERNEL_FAULT", FAULT, "ONEDNN_MAX_CPU_ISA", "SSE41"), train("run"));
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("jnas: ONEDNN_MAX_CPU_ISA=SSE41 gives wrong results on this machine: " + FAULT)
                .contains("unset it to let jnas choose");
    }

    @Test
    void aRightMachinePassesTheDoctorAndRunsRecordTheirKernels() throws Exception {
        Out doctor = jnas(Map.of(), "doctor", "--json");
        assertThat(doctor.code()).as(doctor.out() + doctor.err()).isZero();
        assertThat(doctor.out()).contains("kernels ").contains("onednn ").contains("checks pass");
        assertThat(doctor.err()).doesNotContain("NNPACK");
        Map<?, ?> json = Json.MAPPER.readValue(doctor.out().strip().lines().reduce((a, b) -> b).orElseThrow(), Map.class);
        assertThat(json.get("ok")).isEqualTo(true);
        assertThat((List<?>) json.get("checks")).hasSizeGreaterThan(100);

        Out run = jnas(Map.of(), train("run"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("NNPACK");
        String config = Files.readString(tmp.resolve("run/config.yaml"));
        assertThat(config).contains("kernels:").contains("setting: ").contains("check: \"passed ");
    }
}
