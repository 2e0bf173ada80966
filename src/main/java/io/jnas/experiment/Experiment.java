package io.jnas.experiment;

import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One kind of long job (a training, a search, an estimate study), found by name in {@link Experiments}. Its
 * configuration is a record that round-trips through the run's config.yaml, so a run can be resumed, repeated and
 * read from its own folder. Running is two-phase: {@link #prepare} loads and checks everything the run needs (data,
 * tables, a super-network) before any run directory exists, so a run that cannot start leaves nothing behind.
 *
 * @param <C> the configuration record
 */
public interface Experiment<C extends Record> {

    /** The name stored as config.yaml's {@code command}. */
    String name();

    /** The configuration record's class. */
    Class<C> configType();

    /** The seed every random choice of a run derives from. */
    long seed(C config);

    /** Loads and checks what a run of {@code config} needs; {@code log} receives progress lines. */
    Prepared prepare(C config, Consumer<String> log) throws IOException;

    /** A run ready to go. */
    @FunctionalInterface
    interface Prepared {
        /** Runs (or continues, from the run's checkpoints) and returns what result.json holds. */
        Map<String, Object> run(RunDir run) throws IOException;
    }
}
