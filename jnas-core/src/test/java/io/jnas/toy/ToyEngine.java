package io.jnas.toy;

import io.jnas.engine.Engine;
import io.jnas.engine.EngineProvider;
import io.jnas.engine.EngineSpec;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import io.jnas.estimate.TaskRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An engine defined in test code only, declared in {@code META-INF/services/io.jnas.engine.EngineProvider}:
 * {@code --engine toy:N} scores each task in this process with the estimators of the context it is shipped, N at once,
 * and counts them. It proves that a new engine needs no change in jnas.
 */
public final class ToyEngine implements EngineProvider {
    /** Tasks scored by toy engines in this JVM. */
    public static final AtomicInteger TASKS = new AtomicInteger();

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public String description() {
        return "toy:N: N tasks at once in this process (a test engine)";
    }

    @Override
    public void check(EngineSpec spec) {
        if (spec.args() == null || !spec.args().matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("--engine toy:N needs N >= 1 tasks at once, got '" + spec.engine() + "'");
        }
    }

    @Override
    public Engine open(EngineSpec spec, Path runDir, Consumer<String> log) {
        int slots = Integer.parseInt(spec.args());
        return new Engine() {
            private volatile EstimatorContext<?> ctx;

            @Override
            public Map<String, String> ship(EstimatorContext<?> context) {
                ctx = context;
                return Map.of();
            }

            @Override
            public EvalResult call(EvalTask task) {
                TASKS.incrementAndGet();
                return TaskRunner.score(task, ctx, "toy");
            }

            @Override
            public int parallelism() {
                return slots;
            }

            @Override
            public String describe() {
                return "the toy engine, " + slots + " at once";
            }

            @Override
            public void close() {
                // nothing started
            }
        };
    }
}
