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

    /** The data set (loaded once). */
    public synchronized Dataset data() {
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
                Path dir = spec.mote().rd().ensure(data(), CacheDir.root(), log);
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
                table = Nb201Table.forSpace(kit.space(), Path.of(spec.table()));
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
