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
 * <p>The profiler records input shapes too. A top-level event counts once more under its name and the input shapes of
 * the first {@code aten::} operation, itself or nested in it, that recorded any (an autograd node has none of its own,
 * the kernel it runs has), else of the first event that did: what the
 * convolution backward of 32×8×32×32 with a 5×5 depthwise kernel costs is the question that finds what to change.
 *
 * @param ops top-level events
 * @param libtorchMs their summed duration in ms
 * @param top the operations with the largest summed duration, largest first
 * @param topShapes the same by operation and input shapes, largest first
 */
public record Trace(long ops, double libtorchMs, List<Op> top, List<Op> topShapes) {

    /**
     * One operation's share.
     *
     * @param name libtorch's name (aten::conv2d, autograd::engine::evaluate_function: ConvolutionBackward0, ...), in
     *        {@code topShapes} followed by the inputs' shapes (e.g. {@code aten::conv2d 32x8x32x32 8x1x5x5})
     * @param calls top-level calls
     * @param ms summed duration
     */
    public record Op(String name, long calls, double ms) {
    }

    /**
     * Runs {@code steps} under libtorch's profiler (with input shapes, without memory, which multiplies its cost),
     * writes the trace to {@code file} and reads it back with the {@code k} largest operations.
     */
    public static Trace profile(Runnable steps, Path file, int k) throws IOException {
        ai.djl.pytorch.jni.JniUtils.startProfile(false, true, false);
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
        List<String> shapes = new ArrayList<>();
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
                shapes.add(shapes(e.path("shape")));
            }
        }
        return summarize(spans, names, shapes, k);
    }

    /** The non-empty input shapes of an event, as {@code 32x8x32x32 8x1x5x5}; empty when it recorded none. */
    static String shapes(JsonNode shape) {
        StringBuilder b = new StringBuilder();
        for (JsonNode input : shape) {
            if (input.isArray() && !input.isEmpty()) {
                StringBuilder dims = new StringBuilder();
                for (JsonNode d : input) {
                    dims.append(dims.length() == 0 ? "" : "x").append(d.asLong());
                }
                b.append(b.length() == 0 ? "" : " ").append(dims);
            }
        }
        return b.toString();
    }

    /** Spans are {thread, start, duration, name index}; {@code shapes} by name index (empty: none recorded). */
    static Trace summarize(List<double[]> spans, List<String> names, List<String> shapes, int k) {
        spans.sort(Comparator.<double[]>comparingDouble(s -> s[0]).thenComparingDouble(s -> s[1])
                .thenComparingDouble(s -> -s[2]));
        Map<String, double[]> byName = new LinkedHashMap<>();
        Map<String, double[]> byShape = new LinkedHashMap<>();
        long ops = 0;
        double total = 0;
        double end = Double.NEGATIVE_INFINITY;
        double thread = -1;
        double[] current = null; // the top-level event whose nested events are being read
        String label = null; // its shapes once an aten:: operation in it recorded some
        String fallback = ""; // the first shapes any event in it recorded
        for (double[] s : spans) {
            if (s[0] != thread) {
                thread = s[0];
                end = Double.NEGATIVE_INFINITY;
            }
            String name = names.get((int) s[3]);
            String shape = shapes.get((int) s[3]);
            if (s[1] >= end) { // a new top-level event: the one before is done
                if (current != null) {
                    add(byShape, shaped(names.get((int) current[3]), label == null ? fallback : label), current[2]);
                }
                current = s;
                label = null;
                fallback = "";
                end = s[1] + s[2];
                ops++;
                total += s[2];
                add(byName, name, s[2]);
            }
            if (label == null && !shape.isEmpty()) {
                if (name.startsWith("aten::")) {
                    label = shape;
                } else if (fallback.isEmpty()) {
                    fallback = shape;
                }
            }
        }
        if (current != null) {
            add(byShape, shaped(names.get((int) current[3]), label == null ? fallback : label), current[2]);
        }
        return new Trace(ops, total / 1e3, largest(byName, k), largest(byShape, k));
    }

    private static String shaped(String name, String shape) {
        return shape.isEmpty() ? name : name + " " + shape;
    }

    private static void add(Map<String, double[]> to, String key, double us) {
        double[] agg = to.computeIfAbsent(key, x -> new double[2]);
        agg[0]++;
        agg[1] += us;
    }

    private static List<Op> largest(Map<String, double[]> agg, int k) {
        List<Op> top = new ArrayList<>();
        agg.forEach((n, a) -> top.add(new Op(n, (long) a[0], a[1] / 1e3)));
        top.sort(Comparator.comparingDouble(Op::ms).reversed());
        return List.copyOf(top.subList(0, Math.min(k, top.size())));
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
        m.put("top_ops", rows(top, steps, unit));
        m.put("top_ops_by_shape", rows(topShapes, steps, unit));
        return m;
    }

    private static List<Map<String, Object>> rows(List<Op> ops, int steps, String unit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Op o : ops) {
            rows.add(Map.of("op", o.name(), "calls_per_" + unit, Math.round((double) o.calls() / steps),
                    "ms_per_" + unit, Math.round(o.ms() / steps * 10) / 10.0));
        }
        return rows;
    }
}
