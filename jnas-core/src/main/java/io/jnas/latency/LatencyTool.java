package io.jnas.latency;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Init;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.ofa.SupernetSpec;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code jnas latency} does: measure one architecture (and predict it where this device has a model of its
 * space), build a space's model, validate it against fresh measurements.
 */
public final class LatencyTool {
    private LatencyTool() {
    }

    /**
     * The networks measured: a space by name (nb201, darts, ofa, ofav2) or a trained super-network's subnets, for
     * images of {@code channels}×{@code size}² (OFA: each subnet's own resolution) and {@code classes} classes.
     *
     * @param space space name (ignored with a super-network)
     * @param supernet a trained super-network's folder, or null
     * @param channels image channels
     * @param classes classes
     * @param size image size of cell spaces
     * @param resolutions the resolutions of an OFA space built without a super-network
     * @param shape a cell space's network width and depth, or null for the space's default (the one its model is of)
     */
    public record Target(String space, Path supernet, int channels, int classes, int size, List<Integer> resolutions,
            SpaceKit.Shape shape) {
        /** A target at the space's default network shape. */
        public Target(String space, Path supernet, int channels, int classes, int size, List<Integer> resolutions) {
            this(space, supernet, channels, classes, size, resolutions, null);
        }

        /** The same input, for {@code space} or {@code supernet}'s subnets at {@code shape}. */
        public Target of(String space, Path supernet, SpaceKit.Shape shape) {
            return new Target(space, supernet, channels, classes, size, resolutions, shape);
        }

        public Target {
            resolutions = List.copyOf(resolutions);
            if (channels < 1 || classes < 2 || size < 8 || resolutions.isEmpty()) {
                throw new IllegalArgumentException("latency needs --channels >= 1, --classes >= 2, --size >= 8 and one "
                        + "resolution at least");
            }
            if (supernet != null && !Files.isRegularFile(supernet.resolve(TrainedSupernet.WEIGHTS))) {
                throw new IllegalArgumentException("--supernet " + supernet + " is not a trained super-network; train one with: "
                        + "jnas supernet train --out " + supernet);
            }
            if (supernet == null && !SupernetSpec.SPACES.contains(space)) {
                SpaceKits.get(space); // an unknown space fails here, naming the spaces there are
            }
        }

        boolean ofa() {
            return supernet != null || SupernetSpec.SPACES.contains(space);
        }

        OfaNetwork.Spec ofaSpec() throws IOException {
            return supernet != null ? TrainedSupernet.specIn(supernet).network() : SupernetSpec.shape(space, channels, classes,
                    1.0);
        }

        OfaSpace ofaSpace() throws IOException {
            if (supernet != null) {
                return TrainedSupernet.specIn(supernet).ofaSpace();
            }
            OfaNetwork.Spec s = ofaSpec();
            return new OfaSpace(resolutions, List.of(s.width()), s.parallel(), s.exits());
        }
    }

    /**
     * Measures {@code arch} (an OFA subnet's JSON, or a cell's text) and predicts it where a model of its space exists
     * on this device: measured_ms with its quartiles, predicted_ms or null, and the device.
     */
    public static Map<String, Object> measure(Target t, String arch, MeasureOptions o, Consumer<String> log) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Measurement m;
        Double predicted = null;
        String note = null;
        Device device;
        if (t.ofa() || arch.strip().startsWith("{")) {
            OfaSubnet s = OfaSubnet.parse(arch);
            OfaNetwork.Spec spec = t.supernet() != null ? t.ofaSpec() : new OfaNetwork.Spec(t.channels(), t.classes(), s.w(),
                    !s.p().isEmpty(), !s.p().isEmpty(), s.nd() > 0, 0.1);
            try (OfaLatency lat = OfaLatency.open(spec, o, log)) {
                m = lat.measure(s);
                if (lat.calibrated() && t.supernet() != null) {
                    lat.calibrate(t.ofaSpace(), LatencyModels.CALIBRATION, LatencyModels.BUILD_SEED, (a, b) -> { }); // today's speed
                }
                predicted = lat.calibrated() ? lat.predictMs(s) : null;
                device = lat.device();
                out.put("arch", s.toString());
            }
        } else {
            SpaceKit<Object> kit = SpaceKits.get(t.space());
            Object a = kit.parse(arch);
            out.put("arch", kit.space().format(a));
            SpaceKit.Shape shape = t.shape() != null ? t.shape() : kit.defaultShape();
            out.put("shape", shape.toString());
            if (!shape.equals(kit.defaultShape())) {
                note = "no prediction: the latency model of " + t.space() + " is of its default network " + kit.defaultShape()
                        + ", this one is " + shape;
            }
            if (CellLatency.supports(kit) && shape.equals(kit.defaultShape())) { // the model is of the default shape
                try (CellLatency<Object> lat = CellLatency.open(kit, t.channels(), t.classes(), t.size(), o, null, log)) {
                    m = lat.measure(a);
                    if (lat.fitted()) {
                        lat.rescale(LatencyModels.RESCALE, LatencyModels.BUILD_SEED); // today's speed
                    }
                    predicted = lat.fitted() ? lat.predictMs(a) : null;
                    device = lat.device();
                }
            } else {
                LatencyMeter meter = new LatencyMeter(o);
                try (NDManager nd = NDManager.newBaseManager()) {
                    m = meter.measure(LatencyMeter.of(kit.network(new Init(nd, 0), a, t.channels(), t.classes(), shape)),
                            new Shape(t.channels(), t.size(), t.size()), nd);
                }
                device = meter.device();
            }
        }
        put(out, m, o);
        out.put("predicted_ms", predicted == null ? null : Math.round(predicted * 10000.0) / 10000.0);
        if (predicted == null) {
            out.put("note", note != null ? note : "no latency model of this space on this device yet: jnas latency build "
                    + "--space " + t.space());
        }
        out.put("device", device.toMap());
        return out;
    }

    /** A measurement's figures: the latency under the options' statistic, then the session's median, quartiles, fastest. */
    private static void put(Map<String, Object> out, Measurement m, MeasureOptions o) {
        out.put("measured_ms", o.value(m));
        out.put("statistic", o.statistic());
        out.put("median_ms", m.medianMs());
        out.put("p25_ms", m.p25Ms());
        out.put("p75_ms", m.p75Ms());
        out.put("min_ms", m.minMs());
        out.put("repeats", m.repeats());
    }

    /** Builds (or completes) the model of {@code t}'s space: its file, entries, device and seconds. */
    public static Map<String, Object> build(Target t, int cells, MeasureOptions o, Consumer<String> log) throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        try (Latency<?> lat = open(t, cells, o, log)) {
            out.put("model", lat.file().toString());
            out.put("device", lat.device().toMap());
        }
        out.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        return out;
    }

    /**
     * Builds the model (when needed), then compares its predictions with fresh measurements of {@code n} architectures
     * it was not built from: Spearman ρ, mean and largest absolute percentage error, and every pair.
     */
    public static Map<String, Object> validate(Target t, int n, int cells, MeasureOptions o, Consumer<String> log)
            throws IOException {
        return validate(t, n, cells, o, null, log);
    }

    /**
     * As {@link #validate(Target, int, int, MeasureOptions, Consumer)}, and with {@code pairs} not null every validated
     * architecture written there as CSV (role, arch, predicted_ms, measured_ms, ape_percent; an OFA table's rows also
     * its pieces and their uncalibrated sum_ms, with its calibration subnets as rows of role calibration).
     */
    public static Map<String, Object> validate(Target t, int n, int cells, MeasureOptions o, Path pairs, Consumer<String> log)
            throws IOException {
        long t0 = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        if (t.ofa()) {
            OfaSpace space = t.ofaSpace();
            try (OfaLatency lat = LatencyModels.ofa(t.ofaSpec(), space, o, null, log)) {
                LatencyModels.Report<OfaSubnet> r = LatencyModels.validate(lat, space, n, OfaLatency.calibrationSubnets(space));
                report(out, r, lat);
                if (pairs != null) {
                    writePairs(pairs, r, lat, OfaLatency.calibrationSubnets(space));
                }
            }
        } else {
            SpaceKit<Object> kit = SpaceKits.get(t.space());
            try (CellLatency<Object> lat = LatencyModels.cells(kit, t.channels(), t.classes(), t.size(), cells, o, null, log)) {
                LatencyModels.Report<Object> r = LatencyModels.validate(lat, kit.space(), n, lat.sample(cells,
                        LatencyModels.BUILD_SEED, java.util.Set.of()));
                report(out, r, lat);
                if (pairs != null) {
                    writePairs(pairs, r, null, List.of());
                }
            }
        }
        if (pairs != null) {
            out.put("pairs", pairs.toString());
        }
        out.put("seconds", Math.round((System.nanoTime() - t0) / 1e6) / 1000.0);
        return out;
    }

    private static <A> void writePairs(Path file, LatencyModels.Report<A> r, OfaLatency ofa, List<OfaSubnet> calibration)
            throws IOException {
        StringBuilder b = new StringBuilder("role,arch,predicted_ms,measured_ms,ape_percent" + (ofa != null ? ",pieces,sum_ms" : "")
                + "\n");
        for (int i = 0; i < r.archs().size(); i++) {
            double p = r.predicted()[i];
            double m = r.measured()[i];
            b.append(row("validation", r.archs().get(i), p, m, ofa));
        }
        for (OfaSubnet s : calibration) {
            Double whole = ofa.table().get("whole " + s);
            if (whole != null) {
                b.append(row("calibration", s, ofa.predictMs(s), whole, ofa));
            }
        }
        io.jnas.run.AtomicFiles.writeString(file, b.toString());
    }

    private static String row(String role, Object arch, double predicted, double measured, OfaLatency ofa) {
        String a = arch.toString().replace("\"", "\"\"");
        String s = String.format(java.util.Locale.ROOT, "%s,\"%s\",%.5f,%.5f,%.2f", role, a, predicted, measured,
                100 * Math.abs(predicted - measured) / measured);
        if (ofa != null) {
            OfaSubnet sub = (OfaSubnet) arch;
            s += String.format(java.util.Locale.ROOT, ",%d,%.5f", ofa.pieces(sub), ofa.sum(sub));
        }
        return s + "\n";
    }

    private static <A> void report(Map<String, Object> out, LatencyModels.Report<A> r, Latency<A> lat) {
        out.put("n", r.figures().n());
        out.put("spearman", r.figures().spearman());
        out.put("mape_percent", r.figures().mape());
        out.put("max_ape_percent", r.figures().maxApe());
        out.put("model", lat.file().toString());
        out.put("device", lat.device().toMap());
    }

    private static Latency<?> open(Target t, int cells, MeasureOptions o, Consumer<String> log) throws IOException {
        if (t.ofa()) {
            return LatencyModels.ofa(t.ofaSpec(), t.ofaSpace(), o, null, log);
        }
        return LatencyModels.cells(SpaceKits.get(t.space()), t.channels(), t.classes(), t.size(), cells, o, null, log);
    }
}
