package io.jnas.estimate;

import io.jnas.data.DataOptions;
import io.jnas.data.Dataset;
import io.jnas.data.DatasetResolver;
import io.jnas.train.ofa.TrainedSupernet;
import ai.djl.ndarray.NDManager;
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
public final class EstimatorContext<A> implements AutoCloseable {
    private final EstimatorSpec spec;
    private final SpaceKit<A> kit;
    private final Consumer<String> log;
    private Dataset data;
    private Dataset reduced;
    private boolean dataUsed;
    private Path tablePath;
    private Nb201Table table;
    private final Map<String, Estimator<A>> shared = new LinkedHashMap<>();
    private TrainedSupernet supernet;
    private TrainedSupernet.Data supernetData;
    private Path supernetDir;
    private NDManager manager;
    private boolean ownsManager;
    private int version;
    private Path runDir;

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

    /**
     * The run directory, where an estimator keeps work that must survive a kill (the few-shot ranker's trained labels);
     * set by the experiment that runs in it. Null in a worker process, which keeps nothing.
     */
    public synchronized Path runDir() {
        return runDir;
    }

    /** Sets {@link #runDir()}. */
    public synchronized EstimatorContext<A> runDir(Path dir) {
        runDir = dir;
        return this;
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

    /** Passes a progress line to the context's log. */
    public void log(String line) {
        log.accept(line);
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

    /**
     * Scores on this super-network, whose weights a search adapts in place ({@link #touch} after each change), with its
     * data splits and the manager that owns its tensors.
     */
    public synchronized EstimatorContext<A> withSupernet(TrainedSupernet net, TrainedSupernet.Data splits, NDManager m) {
        this.supernet = net;
        this.supernetData = splits;
        this.manager = m;
        return this;
    }

    /** Reads the super-network from {@code dir} (shipped files) and scores on {@code splits} (null: the spec's). */
    public synchronized EstimatorContext<A> withSupernetFiles(Path dir, TrainedSupernet.Data splits) {
        this.supernetDir = dir;
        this.supernetData = splits;
        return this;
    }

    /** The super-network the supernet estimator scores on (loaded once). */
    public synchronized TrainedSupernet supernet() {
        if (supernet == null) {
            Path dir = supernetDir != null ? supernetDir : spec.supernet() == null ? null : Path.of(spec.supernet());
            if (dir == null) {
                throw new IllegalArgumentException("the supernet estimator needs a trained super-network (search nat --supernet)");
            }
            manager = NDManager.newBaseManager();
            ownsManager = true;
            try {
                supernet = TrainedSupernet.load(dir, manager);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return supernet;
    }

    /** The splits the super-network's subnets are scored on (its training split recalibrates batch norm). */
    public synchronized TrainedSupernet.Data supernetData() {
        if (supernetData == null) {
            try {
                supernetData = TrainedSupernet.specData(supernet().spec());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return supernetData;
    }

    /** The manager of the super-network's tensors. */
    public synchronized NDManager manager() {
        supernet();
        return manager;
    }

    /** The super-network, if one was loaded or given (else null). */
    public synchronized TrainedSupernet usedSupernet() {
        return supernet;
    }

    /** Says that the super-network's weights changed: what was shipped of them is stale. */
    public synchronized void touch() {
        version++;
    }

    /** How many times {@link #touch} was called. */
    public synchronized int version() {
        return version;
    }

    /** Frees the super-network this context loaded itself; the context can still be used (it loads it again). */
    @Override
    public synchronized void close() {
        if (ownsManager) {
            manager.close();
            supernet = null;
            ownsManager = false;
        }
    }
}
