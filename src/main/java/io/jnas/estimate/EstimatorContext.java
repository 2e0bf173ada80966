package io.jnas.estimate;

import io.jnas.data.DataOptions;
import io.jnas.data.Dataset;
import io.jnas.data.DatasetResolver;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.run.CacheDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What estimators are built from: the space kit, the data (loaded on first use), MOTE's reduced dataset (built on
 * first use), the NAS-Bench-201 table, the seed, and estimators shared by name, so that mote, tse and short_acc of
 * one architecture come from one training.
 *
 * @param <A> architecture type
 */
public final class EstimatorContext<A> {
    private final EstimatorSpec spec;
    private final SpaceKit<A> kit;
    private final Consumer<String> log;
    private Dataset data;
    private Dataset reduced;
    private boolean dataUsed;
    private Path tablePath;
    private Nb201Table table;
    private final Map<String, Estimator<A>> shared = new LinkedHashMap<>();

    private EstimatorContext(EstimatorSpec spec, Consumer<String> log) {
        this.spec = spec;
        this.kit = SpaceKits.get(spec.space());
        this.log = log;
    }

    /** The context of {@code spec}; {@code log} receives what is loaded or built. */
    public static <A> EstimatorContext<A> open(EstimatorSpec spec, Consumer<String> log) {
        return new EstimatorContext<>(spec, log);
    }

    public EstimatorSpec spec() {
        return spec;
    }

    public SpaceKit<A> kit() {
        return kit;
    }

    public long seed() {
        return spec.seed();
    }

    /**
     * A context whose data set and reduced data set are already in memory (shipped to a worker by content): they are
     * used as they are, not loaded from the spec's files, and the table is read from {@code table}. Any may be null
     * (loaded from the spec when asked).
     */
    public static <A> EstimatorContext<A> open(EstimatorSpec spec, Consumer<String> log, Dataset data, Dataset reduced,
            Path table) {
        EstimatorContext<A> c = new EstimatorContext<>(spec, log);
        c.data = data;
        c.reduced = reduced;
        c.tablePath = table;
        return c;
    }

    /** The NAS-Bench-201 table's file or folder, if an estimator read it (else null). */
    public synchronized Path usedTable() {
        return table == null ? null : Path.of(spec.table());
    }

    /** The data set an estimator asked for itself (null: none did, or only to build the reduced data set). */
    public synchronized Dataset usedData() {
        return dataUsed ? data : null;
    }

    /** The reduced data set, if an estimator asked for it (else null). */
    public synchronized Dataset usedReduced() {
        return reduced;
    }

    /** Loads the data set now, so that a bad one fails before the run starts (it counts as used only when asked for). */
    public synchronized void preload() {
        source();
    }

    /** The data set (loaded once). */
    public synchronized Dataset data() {
        dataUsed = true;
        return source();
    }

    private Dataset source() {
        if (data == null) {
            if (spec.data() == null) {
                throw new IllegalArgumentException("estimator needs images: give --dataset");
            }
            try {
                data = spec.data().load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.accept(data.describe());
        }
        return data;
    }

    /** Whether the data set is already loaded (or given). */
    public boolean hasData() {
        return spec.data() != null;
    }

    /** MOTE's reduced dataset at the reduced architecture's input size (built once, cached on disk by its content). */
    public synchronized Dataset reduced() {
        if (reduced == null) {
            try {
                Path dir = spec.mote().rd().ensure(source(), CacheDir.root(), log);
                reduced = new DatasetResolver().load("imagefolder:" + dir, new DataOptions(null, false, spec.mote().raSize(),
                        spec.seed(), 10));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.accept("reduced dataset: " + reduced.train().size() + " training images at " + spec.mote().raSize() + "x"
                    + spec.mote().raSize());
        }
        return reduced;
    }

    /** The NAS-Bench-201 table (loaded once); IllegalArgumentException when none was given. */
    public synchronized Nb201Table table() {
        if (table == null) {
            if (spec.table() == null) {
                throw new IllegalArgumentException("the table estimator needs a NAS-Bench-201 table: give --table");
            }
            try {
                table = Nb201Table.forSpace(kit.space(), tablePath != null ? tablePath : Path.of(spec.table()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return table;
    }

    /** The estimator called {@code name}, built once per context and shared by everyone who asks. */
    public synchronized Estimator<A> shared(String name) {
        Estimator<A> e = shared.get(name);
        if (e == null) {
            e = new MemoEstimator<>(Estimators.get(name).create(this), kit.space()::format);
            shared.put(name, e);
        }
        return e;
    }
}
