package io.jnas.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The {@code local} engine: this process ({@code --workers 0}), or N worker processes of T libtorch threads. */
public final class LocalEngines implements EngineProvider {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "local: this process, or --workers N processes of --threads T libtorch threads on this machine";
    }

    @Override
    public boolean here(EngineSpec spec) {
        return spec.workers() == 0;
    }

    @Override
    public void check(EngineSpec spec) {
        if (spec.args() != null) {
            throw new IllegalArgumentException("--engine local takes no arguments, got '" + spec.engine() + "': give --workers N "
                    + "--threads T for worker processes");
        }
    }

    @Override
    public Engine open(EngineSpec spec, Path runDir, Consumer<String> log) throws IOException {
        return spec.workers() == 0 ? new InProcessEngine() : new WorkerPool(spec.workers(), spec.threads(),
                runDir.resolve("workers"), log);
    }
}
