package io.jnas.experiment;

import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One kind of long job (a training, a search, an estimate study), found by name in {@link Experiments}. Its
 * configuration is a record that round-trips through the run's config.yaml, so a run can be resumed, repeated and
 * read from its own folder; its result is a record that result.json is written from and read back into. Running is
 * two-phase: {@link #prepare} loads and checks everything the run needs (data, tables, a super-network) before any run
 * directory exists, so a run that cannot start leaves nothing behind.
 *
 * @param <C> the configuration record
 * @param <R> the result record
 */
public interface Experiment<C extends RunConfig<R>, R extends Record> {

    /** The name stored as config.yaml's {@code command}. */
    String name();

    /** The configuration record's class. */
    Class<C> configType();

    /** The result record's class (result.json holds its fields, snake_case, nulls left out). */
    Class<R> resultType();

    /** The seed every random choice of a run derives from. */
    long seed(C config);

    /** Loads and checks what a run of {@code config} needs; {@code log} receives progress lines. */
    Prepared<R> prepare(C config, Consumer<String> log) throws IOException;

    /**
     * A run ready to go.
     *
     * @param <R> the result record
     */
    @FunctionalInterface
    interface Prepared<R extends Record> {
        /** Runs (or continues, from the run's checkpoints), writes result.json and returns the result. */
        R run(RunDir run) throws IOException;
    }
}
