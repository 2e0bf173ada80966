package io.jnas.latency;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Init;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.space.SearchSpace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * The latency model of a cell space: milliseconds per entry of the space's latency features (NAS-Bench-201: the
 * operation on each edge, value 0 of each gene the reference; DARTS: how often each operation occurs in the normal and
 * in the reduction cell), fitted by least squares on whole networks measured on this machine, with an intercept for
 * what every network shares (stem, reductions, head). A cell's prediction is the intercept plus its features' entries.
 * The measured cells are stored chunk by chunk, so a build resumes where it stopped; the fit is recomputed from them.
 *
 * @param <A> the architecture record type
 */
public final class CellLatency<A> implements Latency<A> {
    private static final String CELL = "cell ";
    /** Cells measured together, pass after pass (about 25 × 0.25 s per pass for a DARTS cell: passes seconds apart). */
    static final int CHUNK = 25;
    private final NDManager manager = NDManager.newBaseManager();
    private final SpaceKit<A> kit;
    private final SearchSpace<A> space;
    private final int channels;
    private final int classes;
    private final int size;
    private final LatencyTable table;
    private final LatencyMeter meter;
    private double[] beta;
    /** Half the fastest stored cell's time: the least a prediction says (see {@link #predictMs}). */
    private double floor;
    private double scale = 1;

    private CellLatency(SpaceKit<A> kit, int channels, int classes, int size, LatencyTable table, LatencyMeter meter) {
        if (!supports(kit)) {
            throw new IllegalArgumentException("space '" + kit.name() + "' gives no latency features, so jnas has no latency "
                    + "model for it; measure single architectures with jnas latency --space " + kit.name() + " --arch A");
        }
        this.kit = kit;
        this.space = kit.space();
        this.channels = channels;
        this.classes = classes;
        this.size = size;
        this.table = table;
        this.meter = meter;
        refit();
    }

    /** Whether {@code kit}'s space gives the features a model is fitted on. */
    public static boolean supports(SpaceKit<?> kit) {
        return features(kit.space(), new SplittableRandom(0)).length > 0;
    }

    private static <A> double[] features(SearchSpace<A> space, SplittableRandom r) {
        return space.latencyFeatures(space.sample(r));
    }

    /** The model of {@code kit}'s networks (default shape) for {@code channels}×{@code size}² images and {@code classes}. */
    public static <A> CellLatency<A> open(SpaceKit<A> kit, int channels, int classes, int size, MeasureOptions options,
            java.nio.file.Path folder, Consumer<String> log) throws IOException {
        LatencyMeter meter = new LatencyMeter(options);
        SpaceKit.Shape sh = kit.defaultShape();
        String name = kit.name() + "-C" + sh.channels() + "-N" + sh.depth() + "-" + channels + "x" + size + "-" + classes + "cls";
        java.nio.file.Path dir = folder != null ? folder : LatencyTable.folder(meter.device());
        return new CellLatency<>(kit, channels, classes, size, LatencyTable.open(dir.resolve(name + ".json"), meter.device(),
                "cells of " + kit.name() + " " + sh + " input " + channels + "x" + size + "x" + size + " classes " + classes, log), meter);
    }

    @Override
    public MeasureOptions options() {
        return meter.options();
    }

    @Override
    public LatencyTable table() {
        return table;
    }

    /** The cells measured so far. */
    public int measured() {
        return (int) table.entries().keySet().stream().filter(k -> k.startsWith(CELL)).count();
    }

    /** Measures {@code arch}'s whole network now. */
    @Override
    public synchronized Measurement measure(A arch, int sessions) {
        try (NDManager sm = manager.newSubManager()) {
            return meter.measure(LatencyMeter.of(kit.network(new Init(sm, 0), arch, channels, classes, kit.defaultShape())),
                    new Shape(channels, size, size), sm, sessions);
        }
    }

    /**
     * Measures {@code n} distinct cells drawn from {@code seed} (those stored are not measured again) and fits the
     * table; each cell's entry is its fastest of {@link #PASSES} measurements spread over a chunk of
     * {@value #CHUNK} cells, stored when its chunk is done (a build resumes from the last chunk). {@code progress} gets
     * (done, n).
     */
    public synchronized void build(int n, long seed, BiConsumer<Integer, Integer> progress) throws IOException {
        int p = parameters();
        if (n < p + 5) {
            throw new IllegalArgumentException("a latency model of " + kit.name() + " needs at least " + (p + 5) + " measured "
                    + "cells (" + p + " parameters), got --cells " + n);
        }
        List<A> cells = sample(n, seed, Set.of());
        int done = 0;
        for (int from = 0; from < cells.size(); from += CHUNK) {
            List<A> missing = cells.subList(from, Math.min(cells.size(), from + CHUNK)).stream()
                    .filter(a -> table.get(CELL + space.format(a)) == null).toList();
            double[] ms = measureSpread(missing, PASSES, () -> { });
            for (int i = 0; i < ms.length; i++) {
                table.put(CELL + space.format(missing.get(i)), ms[i]);
            }
            done = Math.min(cells.size(), from + CHUNK);
            progress.accept(done, n);
        }
        refit();
    }

    /** {@code n} distinct architectures drawn from {@code seed}, none of {@code not}. */
    public List<A> sample(int n, long seed, Set<A> not) {
        SplittableRandom r = new SplittableRandom(seed);
        LinkedHashSet<A> out = new LinkedHashSet<>();
        int tries = 0;
        while (out.size() < n && tries++ < n * 100) {
            A a = space.sample(r);
            if (!not.contains(a)) {
                out.add(a);
            }
        }
        return new ArrayList<>(out);
    }

    private int parameters() {
        return features(space, new SplittableRandom(0)).length + 1;
    }

    private double[] row(A arch) {
        return space.latencyFeatures(arch);
    }

    private void refit() {
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        table.entries().forEach((k, v) -> {
            if (k.startsWith(CELL)) {
                xs.add(row(space.parse(k.substring(CELL.length()))));
                ys.add(v);
            }
        });
        if (xs.size() < parameters() + 5) {
            beta = null;
            return;
        }
        floor = ys.stream().mapToDouble(Double::doubleValue).min().orElse(0) / 2;
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(ys.stream().mapToDouble(Double::doubleValue).toArray(), xs.toArray(new double[0][]));
        beta = ols.estimateRegressionParameters();
    }

    /**
     * Measures {@code k} of the stored cells again (drawn from {@code seed}; each the fastest of {@link #PASSES} spread
     * measurements, as stored) and scales every prediction by the median ratio of now to then: the machine's speed
     * drifts (10-25 % within an hour on a shared VM, evenly across cells), the table's shape does not. Returns the scale.
     */
    public synchronized double rescale(int k, long seed) {
        List<String> stored = new ArrayList<>(table.entries().keySet().stream().filter(key -> key.startsWith(CELL)).sorted()
                .toList());
        java.util.Collections.shuffle(stored, new java.util.Random(seed));
        List<String> keys = stored.stream().limit(k).toList();
        double[] now = measureSpread(keys.stream().map(key -> space.parse(key.substring(CELL.length()))).toList(), PASSES,
                () -> { });
        double[] ratio = new double[keys.size()];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = now[i] / table.get(keys.get(i));
        }
        java.util.Arrays.sort(ratio);
        scale = ratio.length == 0 ? 1 : ratio[ratio.length / 2];
        return scale;
    }

    /** Whether the table is fitted (enough cells measured). */
    public boolean fitted() {
        return beta != null;
    }

    /**
     * The intercept plus the architecture's entries, at the day's scale; never less than half the fastest stored cell's
     * time: a fit on few cells can extrapolate below zero for the cheapest ones (30 NB201 cells gave -0.004 ms for a cell
     * of skips and nones measured at 0.23 ms), and a latency is positive.
     */
    @Override
    public synchronized double predictMs(A arch) {
        if (beta == null) {
            throw new IllegalStateException("the latency model of " + kit.name() + " is not built yet; run jnas latency build "
                    + "--space " + kit.name());
        }
        double[] x = row(arch);
        double y = beta[0];
        for (int i = 0; i < x.length; i++) {
            y += beta[i + 1] * x[i];
        }
        return scale * Math.max(y, floor);
    }

    @Override
    public void close() {
        manager.close();
    }
}
