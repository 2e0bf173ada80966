package io.jnas.kernel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a libtorch profiler trace (the Chrome JSON that {@code JniUtils.stopProfile} writes: a list of complete events
 * with a name, start and duration in µs) says about where a step's time goes. Only <em>top-level</em> events count:
 * those not nested in another event of the same thread. Each is one operation jnas asked libtorch for (a call that
 * crossed JNI, or an autograd node the backward pass ran), so their number is the native calls of the profiled steps
 * and their summed duration the time spent inside libtorch; the rest of a step's wall time is Java, JNI crossings and
 * allocation. The profiler's own cost per event inflates both figures somewhat.
 *
 * @param ops top-level events
 * @param libtorchMs their summed duration in ms
 * @param top the operations with the largest summed duration, largest first
 */
public record Trace(long ops, double libtorchMs, List<Op> top) {

    /**
     * One operation's share.
     *
     * @param name libtorch's name (aten::conv2d, autograd::engine::evaluate_function: ConvolutionBackward0, ...)
     * @param calls top-level calls
     * @param ms summed duration
     */
    public record Op(String name, long calls, double ms) {
    }

    /**
     * Runs {@code steps} under libtorch's profiler (no shapes, no memory: those multiply its cost), writes the trace
     * to {@code file} and reads it back with the {@code k} largest operations.
     */
    public static Trace profile(Runnable steps, Path file, int k) throws IOException {
        ai.djl.pytorch.jni.JniUtils.startProfile(false, false, false);
        try {
            steps.run();
        } finally {
            ai.djl.pytorch.jni.JniUtils.stopProfile(file.toString());
        }
        return read(file, k);
    }

    /** As {@link #profile}, for callers that cannot throw: an unwritable trace file fails unchecked. */
    public static Trace profileOrFail(Runnable steps, Path file, int k) {
        try {
            return profile(steps, file, k);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads {@code file}; keeps the {@code k} operations with the largest time. */
    public static Trace read(Path file, int k) throws IOException {
        List<double[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, Integer> threads = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        try (JsonParser p = mapper.getFactory().createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) { // {"traceEvents": [...]} as newer profilers write it
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    if ("traceEvents".equals(p.currentName()) && p.nextToken() == JsonToken.START_ARRAY) {
                        break;
                    }
                    p.nextToken();
                    p.skipChildren();
                }
            } else if (t != JsonToken.START_ARRAY) {
                throw new IOException(file + " is not a profiler trace (a JSON list of events)");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode e = mapper.readTree(p);
                if (!"X".equals(e.path("ph").asText()) || !e.has("dur")) {
                    continue;
                }
                int tid = threads.computeIfAbsent(e.path("tid").asText() + "/" + e.path("pid").asText(), x -> threads.size());
                spans.add(new double[] {tid, e.get("ts").asDouble(), e.get("dur").asDouble(), names.size()});
                names.add(e.path("name").asText());
            }
        }
        return summarize(spans, names, k);
    }

    /** Spans are {thread, start, duration, name index}. */
    static Trace summarize(List<double[]> spans, List<String> names, int k) {
        spans.sort(Comparator.<double[]>comparingDouble(s -> s[0]).thenComparingDouble(s -> s[1])
                .thenComparingDouble(s -> -s[2]));
        Map<String, double[]> byName = new LinkedHashMap<>();
        long ops = 0;
        double total = 0;
        double end = Double.NEGATIVE_INFINITY;
        double thread = -1;
        for (double[] s : spans) {
            if (s[0] != thread) {
                thread = s[0];
                end = Double.NEGATIVE_INFINITY;
            }
            if (s[1] < end) {
                continue; // nested in the current top-level event
            }
            end = s[1] + s[2];
            ops++;
            total += s[2];
            double[] agg = byName.computeIfAbsent(names.get((int) s[3]), x -> new double[2]);
            agg[0]++;
            agg[1] += s[2];
        }
        List<Op> top = new ArrayList<>();
        byName.forEach((n, a) -> top.add(new Op(n, (long) a[0], a[1] / 1e3)));
        top.sort(Comparator.comparingDouble(Op::ms).reversed());
        return new Trace(ops, total / 1e3, List.copyOf(top.subList(0, Math.min(k, top.size()))));
    }

    /**
     * Per-step figures for a benchmark's JSON: native calls and libtorch time per step, and what is left of the
     * (unprofiled) wall time per step for Java, JNI and allocation.
     */
    public Map<String, Object> perStep(int steps, double wallMsPerStep) {
        return per(steps, wallMsPerStep, "step");
    }

    /** As {@link #perStep} for {@code n} units of work named {@code unit} (step, candidate). */
    public Map<String, Object> per(int steps, double wallMsPerStep, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("native_ops_per_" + unit, Math.round((double) ops / steps));
        double lib = libtorchMs / steps;
        m.put("libtorch_ms_per_" + unit, Math.round(lib * 10) / 10.0);
        m.put("outside_libtorch_ms_per_" + unit, Math.round(Math.max(0, wallMsPerStep - lib) * 10) / 10.0);
        List<Map<String, Object>> ops = new ArrayList<>();
        for (Op o : top) {
            ops.add(Map.of("op", o.name(), "calls_per_" + unit, Math.round((double) o.calls() / steps),
                    "ms_per_" + unit, Math.round(o.ms() / steps * 10) / 10.0));
        }
        m.put("top_ops", ops);
        return m;
    }
}
