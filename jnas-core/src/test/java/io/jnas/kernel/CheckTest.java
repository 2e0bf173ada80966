package io.jnas.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The checks catch what a faulty kernel does (a wrong gradient with a right output, a wrong output, different bits on a
 * second run) and name the primitive; with the setting jnas chose for this machine, every primitive passes.
 */
class CheckTest {
    private static final Check CONV = PrimitiveChecks.conv(24, 24, 3, 1, 1, 1, 16, false);

    @Test
    void everyPrimitivePassesUnderTheSettingInEffectAtOneAndTwoThreads() {
        KernelState st = Kernels.state();
        List<Check.Result> results = CheckRun.run(PrimitiveChecks.all(), CheckRun.THREADS, false, r -> { });
        assertThat(results).hasSize(2 * PrimitiveChecks.all().size());
        assertThat(results).as("setting " + st.setting() + " (" + st.source() + ")").allMatch(Check.Result::ok,
                "passes: " + results.stream().filter(r -> !r.ok()).map(Check.Result::summary).toList());
        assertThat(results.stream().mapToDouble(Check.Result::error).max().orElseThrow()).isLessThan(2e-5);
    }

    @Test
    void aBrokenGradientIsNamedWithWhereItIsWrong() {
        Check.Result ok = CheckRun.run(List.of(CONV), new int[] {2}, false, r -> { }).get(0);
        Check.Result bad = CheckRun.run(List.of(PrimitiveChecks.broken(CONV)), new int[] {2}, false, r -> { }).get(0);
        assertThat(ok.ok()).isTrue();
        assertThat(bad.ok()).isFalse();
        assertThat(bad.error()).isGreaterThan(1e-2);
        assertThat(bad.where()).isEqualTo("gradient of the input");
        assertThat(bad.summary()).startsWith("conv2d 24→24 k3 s1 d1 g1 16px at 2 threads: error ")
                .endsWith("in the gradient of the input");
        assertThat(bad.line()).startsWith("FAIL conv2d 24→24");
    }

    @Test
    void aWrongOutputIsCaughtEvenWhenSlight() {
        Check slightlyOff = new Check("scaled output", new long[][] {{8, 16}},
                x -> x[0].getDataType() == DataType.FLOAT32 ? x[0].mul(factor(x[0], 1.001f)) : x[0].mul(factor(x[0], 1f)),
                Check.TOLERANCE);
        Check.Result r = CheckRun.run(List.of(slightlyOff), new int[] {1}, false, x -> { }).get(0);
        assertThat(r.ok()).isFalse();
        assertThat(r.where()).isEqualTo("output");
        assertThat(r.error()).isBetween(5e-4, 2e-3);
    }

    @Test
    void aPrimitiveThatDiffersBetweenTwoSameSeedRunsFails() {
        AtomicInteger calls = new AtomicInteger();
        Check drifting = new Check("drifting", new long[][] {{4, 4}}, x -> {
            int n = x[0].getDataType() == DataType.FLOAT32 ? calls.incrementAndGet() : 1;
            return x[0].mul(factor(x[0], 1 + (n - 1) * 1e-7f));
        }, Check.TOLERANCE);
        Check.Result r = CheckRun.run(List.of(drifting), new int[] {1}, false, x -> { }).get(0);
        assertThat(r.deterministic()).isFalse();
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).contains("two same-seed runs differ");
    }

    @Test
    void failFastStopsAtTheFirstFailure() {
        List<Check> checks = List.of(CONV, PrimitiveChecks.broken(CONV), CONV);
        assertThat(CheckRun.run(checks, CheckRun.THREADS, true, r -> { })).hasSize(2);
        assertThat(CheckRun.run(checks, CheckRun.THREADS, false, r -> { })).hasSize(6);
    }

    private static NDArray factor(NDArray like, float f) {
        return like.getManager().full(new Shape(), f, like.getDataType());
    }
}
