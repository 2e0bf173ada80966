package io.jnas.latency;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.nn.ofa.OfaPieces;
import io.jnas.nn.onnx.OnnxGraph;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The latency look-up table of an OFA / OFAv2 super-network's subnets (once-for-all's approach): every piece of a
 * subnet's inference graph (the stem with the first block; each block by stage, input shape, kernel, expand ratio,
 * branch gene and stride; each sum of OFAv2's dense skips; the exit head) is timed on its own once, and a subnet's
 * latency is the sum of its pieces' times, mapped by a power-law calibration {@code e^(a + c_nd) · sum^b} fitted (log
 * against log, so that relative errors count) on whole subnets measured for it (what a call costs beyond its pieces, and
 * what the runtime gains by running them together). {@code c_nd} is a term per early exit of OFAv2 (zero for the
 * shallowest exit and for super-networks without exits): on an Intel Xeon with AVX-512 the sums of subnets ending in
 * different exits were off by -12 % to +33 % against one another, which one power law cannot follow.
 * Pieces missing from the table are measured when first needed and stored; {@link #build} measures them all ahead
 * and calibrates.
 */
public final class OfaLatency implements Latency<OfaSubnet> {
    /** The table's entries of the calibration's intercept and slope. */
    static final String CAL_A = "calibration a";
    static final String CAL_B = "calibration b";
    /** Prefix of the calibration's term per early exit ({@code CAL_EXIT + nd}). */
    static final String CAL_EXIT = "calibration exit ";
    /** Pieces measured together in spread passes (and stored together) by a build. */
    static final int CHUNK = 200;
    private final NDManager manager = NDManager.newBaseManager();
    private final OfaNetwork net;
    private final LatencyTable table;
    private final LatencyMeter meter;

    private OfaLatency(OfaNetwork.Spec spec, LatencyTable table, LatencyMeter meter) {
        this.net = OfaNetwork.supernet(new Init(manager, 0), spec, 32);
        this.table = table;
        this.meter = meter;
    }

    /** The table of subnets of a super-network of {@code spec} on this machine under {@code options}. */
    public static OfaLatency open(OfaNetwork.Spec spec, MeasureOptions options, Consumer<String> log) throws IOException {
        return open(spec, options, null, log);
    }

    /** As {@link #open(OfaNetwork.Spec, MeasureOptions, Consumer)}, the table kept in {@code folder} (null: the cache's). */
    public static OfaLatency open(OfaNetwork.Spec spec, MeasureOptions options, java.nio.file.Path folder, Consumer<String> log)
            throws IOException {
        LatencyMeter meter = new LatencyMeter(options);
        String name = "ofa-" + spec.inChannels() + "ch-" + spec.classes() + "cls-w" + spec.width() + (spec.parallel() ? "-p" : "")
                + (spec.dense() ? "-dense" : "") + (spec.exits() ? "-exits" : "");
        java.nio.file.Path dir = folder != null ? folder : LatencyTable.folder(meter.device());
        return new OfaLatency(spec, LatencyTable.open(dir.resolve(name + ".json"), meter.device(), "ofa lut: " + spec, log), meter);
    }

    @Override
    public LatencyTable table() {
        return table;
    }

    @Override
    public MeasureOptions options() {
        return meter.options();
    }

    /** Time of one call of {@code s}'s whole network, measured now (not from the table). */
    @Override
    public synchronized Measurement measure(OfaSubnet s, int sessions) {
        try (NDManager sm = manager.newSubManager()) {
            OfaNetwork sub = OfaNetwork.of(new Init(sm, 0), net.spec(), s);
            return meter.measure(LatencyMeter.of(sub), new ai.djl.ndarray.types.Shape(net.spec().inChannels(), s.r(), s.r()), sm,
                    sessions);
        }
    }

    /** The pieces of {@code s} and their stored or newly measured milliseconds, in graph order. */
    public synchronized Map<String, Double> breakdown(OfaSubnet s) {
        fill(s);
        Map<String, Double> out = new LinkedHashMap<>();
        for (OfaPieces.Piece p : net.activate(s).pieces()) {
            out.merge(p.key(), table.get(p.key()), Double::sum);
        }
        return out;
    }

    /** The sum of the pieces' milliseconds, calibrated (e^(a + c_nd) · sum^b) when the table has a calibration. */
    @Override
    public synchronized double predictMs(OfaSubnet s) {
        double sum = sum(s);
        Double a = table.get(CAL_A);
        Double b = table.get(CAL_B);
        Double c = table.get(CAL_EXIT + s.nd());
        return a == null || b == null ? sum : Math.exp(a + (c == null ? 0 : c)) * Math.pow(sum, b);
    }

    /** Whether the table has its calibration (a build finished). */
    public boolean calibrated() {
        return table.get(CAL_A) != null && table.get(CAL_B) != null;
    }

    /** The subnets of {@code space} the calibration measures whole (not to be used to validate the table). */
    public static List<OfaSubnet> calibrationSubnets(OfaSpace space) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(LatencyModels.BUILD_SEED);
        List<OfaSubnet> out = new ArrayList<>();
        for (int i = 0; i < LatencyModels.CALIBRATION; i++) {
            out.add(space.sample(r));
        }
        return out;
    }

    /** The number of pieces {@code s}'s inference graph is cut into. */
    public synchronized int pieces(OfaSubnet s) {
        return net.activate(s).pieces().size();
    }

    /** The uncalibrated sum of the pieces of {@code s}. */
    public synchronized double sum(OfaSubnet s) {
        fill(s);
        double sum = 0;
        for (OfaPieces.Piece p : net.activate(s).pieces()) {
            sum += table.get(p.key());
        }
        return sum;
    }

    /**
     * Fits the calibration on {@code n} subnets of {@code space} drawn from {@code seed}, each measured whole now (the
     * fastest of {@link #PASSES} passes over them; so
     * the model follows the speed the machine has today: on a shared VM it drifts by 10-25 % within an hour, evenly
     * across networks); {@code progress} gets (done, n × passes).
     */
    public synchronized void calibrate(OfaSpace space, int n, long seed, java.util.function.BiConsumer<Integer, Integer> progress) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        java.util.List<OfaSubnet> subnets = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            subnets.add(space.sample(r));
            fill(subnets.get(i));
        }
        int[] done = {0};
        double[] whole = measureSpread(subnets, PASSES, () -> progress.accept(++done[0], n * PASSES));
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            store("whole " + subnets.get(i), whole[i]);
            sums[i] = sum(subnets.get(i));
        }
        OfaCalibration c = OfaCalibration.fit(subnets.stream().mapToInt(OfaSubnet::nd).toArray(), sums, whole);
        store(CAL_A, c.a());
        store(CAL_B, c.b());
        for (int nd = 0; nd <= OfaSubnet.STAGES; nd++) {
            if (table.get(CAL_EXIT + nd) != null || c.exits().containsKey(nd)) {
                store(CAL_EXIT + nd, c.exits().getOrDefault(nd, 0.0)); // a term of an earlier fit is reset, not left
            }
        }
    }

    /**
     * Measures the pieces of {@code s} the table lacks, on the subnet's own network (fresh weights of exactly its sizes,
     * as an exported subnet has), as {@link #measurePieces} does; the number measured.
     */
    private int fill(OfaSubnet s) {
        if (net.activate(s).pieces().stream().allMatch(p -> table.get(p.key()) != null)) {
            return 0;
        }
        try (NDManager sm = manager.newSubManager()) {
            List<OfaPieces.Piece> missing = new ArrayList<>();
            addMissing(OfaNetwork.of(new Init(sm, 0), net.spec(), s), missing);
            measurePieces(missing, sm, () -> { });
            return missing.size();
        }
    }

    /** Adds the pieces of {@code sub} that neither the table nor {@code missing} holds to {@code missing}. */
    private void addMissing(OfaNetwork sub, List<OfaPieces.Piece> missing) {
        for (OfaPieces.Piece p : sub.pieces()) {
            if (table.get(p.key()) == null && missing.stream().noneMatch(q -> q.key().equals(p.key()))) {
                missing.add(p);
            }
        }
    }

    /**
     * Measures {@code pieces} in chunks of {@link #CHUNK}: within a chunk {@link #PASSES} passes over all of its pieces,
     * one session each, each piece keeping its fastest, then the chunk is stored (an interrupted build resumes at the
     * chunk it was in). A pass over a chunk takes seconds, longer than this VM's slow states last (1-5 s), so a piece's
     * passes see different states; passes over one subnet's few pieces (half a second) did not: two builds of one table
     * that way differed by 26 % per piece (after the machine's overall drift), the table's floor. A chunk's passes also
     * span the options' {@code spread} seconds at least, as {@link Latency#spread} does. {@code step} runs after each
     * measurement of the first {@link #PASSES} passes.
     */
    private void measurePieces(List<OfaPieces.Piece> pieces, NDManager sm, Runnable step) {
        for (int from = 0; from < pieces.size(); from += CHUNK) {
            List<OfaPieces.Piece> chunk = pieces.subList(from, Math.min(pieces.size(), from + CHUNK));
            double[] best = Latency.spread(chunk.size(), PASSES, spreadSeconds(),
                    i -> value(meter.measure(timeable(chunk.get(i)), chunk.get(i).input(), sm, 1)), step);
            for (int i = 0; i < best.length; i++) {
                store(chunk.get(i).key(), best[i]);
            }
        }
    }

    private static LatencyMeter.Timeable timeable(OfaPieces.Piece p) {
        return new LatencyMeter.Timeable() {
            @Override
            public NDArray forward(Ctx ctx, NDArray x) {
                return p.forward().apply(ctx, x);
            }

            @Override
            public String onnx(OnnxGraph g, String x) {
                return p.onnx().apply(g, x);
            }
        };
    }

    private void store(String key, double v) {
        try {
            table.put(key, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The subnets whose pieces together are every piece of {@code space}: per resolution, each kernel, expand ratio
     * and branch gene in every block of four-block stages (which also holds every dense sum), and each exit.
     */
    public static List<OfaSubnet> covering(OfaSpace space) {
        List<Integer> genes = space.parallel() ? List.of(1, 2, 3, 4, 5, 6, 7) : List.of();
        List<OfaSubnet> out = new ArrayList<>();
        for (int r : space.resolutions()) {
            for (double w : space.widths()) {
                for (int k : OfaSubnet.KERNELS) {
                    for (int e : OfaSubnet.EXPANDS) {
                        for (int p : genes.isEmpty() ? List.of(0) : genes) {
                            if (p != 0 && !OfaSubnet.has(p, OfaSubnet.MBCONV) && (k != 3 || e != 3)) {
                                continue; // kernel and expand do not shape these blocks
                            }
                            out.add(uniform(k, e, p, 4, OfaSubnet.STAGES, r, w, space.exits()));
                        }
                    }
                }
                for (int nd = 1; space.exits() && nd < OfaSubnet.STAGES; nd++) {
                    out.add(uniform(3, 3, genes.isEmpty() ? 0 : 1, 2, nd, r, w, true));
                }
            }
        }
        return out;
    }

    private static OfaSubnet uniform(int k, int e, int p, int depth, int stages, int r, double w, boolean exits) {
        int blocks = depth * stages;
        return new OfaSubnet(java.util.Collections.nCopies(blocks, k), java.util.Collections.nCopies(blocks, e),
                java.util.Collections.nCopies(stages, depth), r, w, p == 0 ? List.of() : java.util.Collections.nCopies(blocks, p),
                exits ? stages : 0);
    }

    /** The pieces of {@code space} the table lacks (what {@link #build} measures). */
    public synchronized int missing(OfaSpace space) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (OfaSubnet s : covering(space)) {
            for (OfaPieces.Piece p : net.activate(s).pieces()) {
                if (table.get(p.key()) == null) {
                    keys.add(p.key());
                }
            }
        }
        return keys.size();
    }

    /**
     * Measures every piece of {@code space} not in the table yet (on the covering subnets' own networks, in spread passes
     * as {@link #measurePieces} does); {@code step} runs after each of the {@link #missing} × {@link #PASSES}
     * measurements. Returns the number of pieces measured.
     */
    public synchronized int build(OfaSpace space, Runnable step) {
        try (NDManager sm = manager.newSubManager()) {
            List<OfaPieces.Piece> missing = new ArrayList<>();
            for (OfaSubnet s : covering(space)) {
                addMissing(OfaNetwork.of(new Init(sm, 0), net.spec(), s), missing);
            }
            measurePieces(missing, sm, step);
            return missing.size();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
