package io.jnas.latency;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Init;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.space.EncodedSpace;
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
 * The latency model of an integer-encoded cell space (NAS-Bench-201): a table of milliseconds per gene value (the
 * operation on each edge), fitted by least squares on whole networks measured on this machine, with an intercept for
 * what every network shares (stem, reductions, head). A cell's prediction is the intercept plus its genes' entries;
 * value 0 of each gene is the reference (its entry is 0). The measured cells are stored one by one, so a build
 * resumes where it stopped; the fit is recomputed from them.
 *
 * @param <A> the architecture record type
 */
public final class CellLatency<A> implements Latency<A> {
    private static final String CELL = "cell ";
    private final NDManager manager = NDManager.newBaseManager();
    private final SpaceKit<A> kit;
    private final EncodedSpace<A> space;
    private final int channels;
    private final int classes;
    private final int size;
    private final LatencyTable table;
    private final LatencyMeter meter;
    private double[] beta;
    private double scale = 1;

    private CellLatency(SpaceKit<A> kit, int channels, int classes, int size, LatencyTable table, LatencyMeter meter) {
        if (!(kit.space() instanceof EncodedSpace<A> e)) {
            throw new IllegalArgumentException("space '" + kit.name() + "' has no integer encoding, so jnas has no latency model "
                    + "for it; measure single architectures with jnas latency --space " + kit.name() + " --arch A");
        }
        this.kit = kit;
        this.space = e;
        this.channels = channels;
        this.classes = classes;
        this.size = size;
        this.table = table;
        this.meter = meter;
        refit();
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
    public LatencyTable table() {
        return table;
    }

    /** The cells measured so far. */
    public int measured() {
        return (int) table.entries().keySet().stream().filter(k -> k.startsWith(CELL)).count();
    }

    /** Measures {@code arch}'s whole network now. */
    @Override
    public synchronized Measurement measure(A arch) {
        try (NDManager sm = manager.newSubManager()) {
            return meter.measure(LatencyMeter.of(kit.network(new Init(sm, 0), arch, channels, classes, kit.defaultShape())),
                    new Shape(channels, size, size), sm);
        }
    }

    /**
     * Measures {@code n} distinct cells drawn from {@code seed} (those stored are not measured again) and fits the
     * table; {@code progress} gets (done, n).
     */
    public synchronized void build(int n, long seed, BiConsumer<Integer, Integer> progress) throws IOException {
        int p = parameters();
        if (n < p + 5) {
            throw new IllegalArgumentException("a latency model of " + kit.name() + " needs at least " + (p + 5) + " measured "
                    + "cells (" + p + " parameters), got --cells " + n);
        }
        List<A> cells = sample(n, seed, Set.of());
        for (int i = 0; i < cells.size(); i++) {
            String key = CELL + space.format(cells.get(i));
            if (table.get(key) == null) {
                table.put(key, measure(cells.get(i)).medianMs());
            }
            progress.accept(i + 1, n);
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
        int p = 1;
        for (int g = 0; g < space.genes(); g++) {
            p += space.upper(g);
        }
        return p;
    }

    private double[] row(A arch) {
        int[] code = space.encode(arch);
        double[] x = new double[parameters() - 1];
        int at = 0;
        for (int g = 0; g < space.genes(); g++) {
            if (code[g] > 0) {
                x[at + code[g] - 1] = 1;
            }
            at += space.upper(g);
        }
        return x;
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
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(ys.stream().mapToDouble(Double::doubleValue).toArray(), xs.toArray(new double[0][]));
        beta = ols.estimateRegressionParameters();
    }

    /**
     * Measures {@code k} of the stored cells again (drawn from {@code seed}) and scales every prediction by the median
     * ratio of now to then: the machine's speed drifts (10-25 % within an hour on a shared VM, evenly across cells),
     * the table's shape does not. Returns the scale.
     */
    public synchronized double rescale(int k, long seed) {
        List<String> stored = new ArrayList<>(table.entries().keySet().stream().filter(key -> key.startsWith(CELL)).sorted()
                .toList());
        java.util.Collections.shuffle(stored, new java.util.Random(seed));
        double[] ratio = stored.stream().limit(k).mapToDouble(key -> measure(space.parse(key.substring(CELL.length())))
                .medianMs() / table.get(key)).sorted().toArray();
        scale = ratio.length == 0 ? 1 : ratio[ratio.length / 2];
        return scale;
    }

    /** Whether the table is fitted (enough cells measured). */
    public boolean fitted() {
        return beta != null;
    }

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
        return scale * y;
    }

    @Override
    public void close() {
        manager.close();
    }
}
