package io.jnas.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top-level events of a libtorch trace: nested ones do not count, threads are apart, both file layouts are read. */
class TraceTest {

    private static final String EVENTS = "[{\"name\":\"aten::conv2d\",\"ph\":\"X\",\"ts\":0,\"dur\":100,\"tid\":1,\"pid\":\"CPU\"},"
            + "{\"name\":\"aten::convolution\",\"ph\":\"X\",\"ts\":1,\"dur\":98,\"tid\":1,\"pid\":\"CPU\"},"
            + "{\"name\":\"aten::add_\",\"ph\":\"X\",\"ts\":100,\"dur\":5,\"tid\":1,\"pid\":\"CPU\"},"
            + "{\"name\":\"aten::conv2d\",\"ph\":\"X\",\"ts\":200,\"dur\":50,\"tid\":1,\"pid\":\"CPU\"},"
            + "{\"name\":\"aten::mul\",\"ph\":\"X\",\"ts\":10,\"dur\":20,\"tid\":2,\"pid\":\"CPU\"},"
            + "{\"name\":\"marker\",\"ph\":\"i\",\"ts\":10,\"tid\":1,\"pid\":\"CPU\"}]";

    @Test
    void countsOnlyTopLevelEventsPerThread(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("t.json"), EVENTS);
        Trace t = Trace.read(f, 10);
        assertThat(t.ops()).isEqualTo(4); // conv2d twice, add_, and mul on the other thread; the nested convolution is not one
        assertThat(t.libtorchMs()).isEqualTo((100 + 5 + 50 + 20) / 1e3);
        assertThat(t.top().get(0)).isEqualTo(new Trace.Op("aten::conv2d", 2, 0.15));
        assertThat(t.top()).extracting(Trace.Op::name).doesNotContain("aten::convolution", "marker");
        Path wrapped = Files.writeString(dir.resolve("w.json"), "{\"schemaVersion\":1,\"meta\":{\"a\":[1,2]},\"traceEvents\":"
                + EVENTS + "}");
        assertThat(Trace.read(wrapped, 10)).isEqualTo(t);
        Map<String, Object> per = t.perStep(2, 1.0);
        assertThat(per).containsEntry("native_ops_per_step", 2L).containsEntry("outside_libtorch_ms_per_step", 0.9);
        assertThat(t.per(4, 1.0, "candidate")).containsKey("native_ops_per_candidate");
    }

    @Test
    void sharesTopLevelTimeOutByTheShapesOfTheFirstEventThatRecordedAny(@TempDir Path dir) throws Exception {
        // an autograd node without shapes running a kernel with them, twice with a 5x5 kernel and once with a 3x3; a
        // plain call with its own shapes; a node whose nested events recorded none
        String node = "autograd::engine::evaluate_function: ConvolutionBackward0";
        String events = "[" + event(node, 0, 100, "[]") + "," + event("aten::empty", 1, 1, "[[]]") + ","
                + event("ConvolutionBackward0", 2, 95, "[[32,8,32,32]]") + ","
                + event("aten::convolution_backward", 3, 90, "[[32,8,32,32],[8,1,5,5],[]]") + ","
                + event(node, 200, 60, "[]") + "," + event("aten::convolution_backward", 201, 55, "[[32,8,32,32],[8,1,5,5]]")
                + "," + event(node, 300, 10, "[]") + "," + event("aten::convolution_backward", 301, 8, "[[32,8,32,32],[8,1,3,3]]")
                + "," + event("aten::relu", 400, 7, "[[32,8,32,32]]") + "," + event(node, 500, 4, "[]") + ","
                + event("aten::empty", 501, 1, "[]") + "," + event("SliceBackward0", 600, 3, "[[4,4]]") + "]";
        Trace t = Trace.read(Files.writeString(dir.resolve("s.json"), events), 10);
        assertThat(t.ops()).isEqualTo(6);
        assertThat(t.topShapes()).containsExactly(new Trace.Op(node + " 32x8x32x32 8x1x5x5", 2, 0.16),
                new Trace.Op(node + " 32x8x32x32 8x1x3x3", 1, 0.01), new Trace.Op("aten::relu 32x8x32x32", 1, 0.007),
                new Trace.Op(node, 1, 0.004), new Trace.Op("SliceBackward0 4x4", 1, 0.003));
        assertThat(t.top().get(0)).isEqualTo(new Trace.Op(node, 4, 0.174));
        assertThat(t.perStep(1, 1.0)).containsKey("top_ops_by_shape");
    }

    private static String event(String name, int ts, int dur, String shape) {
        return "{\"name\":\"" + name + "\",\"ph\":\"X\",\"ts\":" + ts + ",\"dur\":" + dur + ",\"tid\":1,\"pid\":\"CPU\",\"shape\":"
                + shape + "}";
    }

    @Test
    void refusesWhatIsNotATrace(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("x.json"), "42");
        assertThatThrownBy(() -> Trace.read(f, 3)).hasMessageContaining("is not a profiler trace");
        assertThat(Trace.summarize(new java.util.ArrayList<>(), List.of(), List.of(), 3).ops()).isZero();
    }

    @Test
    void peakIsAMeasuredFiniteRate() {
        Peak p = Peak.measure(128, 3);
        assertThat(p.gflops()).isPositive().isFinite();
        assertThat(p.bestGflops()).isGreaterThanOrEqualTo(p.gflops());
        assertThat(p.fraction(p.gflops() / 2)).isEqualTo(0.5);
        assertThat(p.toMap()).containsKeys("peak_gflops", "peak_best_gflops", "peak_measured_by");
        assertThatThrownBy(() -> Peak.measure(8, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
