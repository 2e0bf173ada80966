package io.jnas.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Declares an engine to {@link Engines}: its name (the part of {@code --engine NAME[:ARGS]} before the colon), what
 * it accepts and how it opens. Built-ins: {@code local} (this process, or {@code --workers N} processes) and, when
 * Spark's jars are on the class path, {@code spark}; more through
 * {@code META-INF/services/io.jnas.engine.EngineProvider}.
 */
public interface EngineProvider {

    /** The name on the command line and in config.yaml. */
    String name();

    /** One line for {@code --help} and error messages, with the form of its arguments. */
    String description();

    /** Whether {@code spec}'s engine scores in this process with the caller's own estimators ({@link Engine#here()}). */
    default boolean here(EngineSpec spec) {
        return false;
    }

    /** Refuses a spec this engine cannot open, with IllegalArgumentException naming the option and the fix. */
    default void check(EngineSpec spec) {
    }

    /** Opens the engine; {@code runDir} holds its logs and shipped files. IllegalArgumentException on bad input. */
    Engine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException;
}
