package io.jnas.cluster;

import io.jnas.estimate.EvalTask;
import io.jnas.estimate.TaskRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The executor side of the Spark engine: a task's JSON in, its result's JSON out. Each executor thread keeps its own
 * {@link TaskRunner}, so the shipped data and the estimators are built once per executor, not per task. For tests,
 * the executor property {@code jnas.executor.halt=N:FILE} makes the first executor to claim FILE (it writes its
 * process id there) stop for good after scoring its N-th task, before returning it, so that it can be killed with a
 * task in flight.
 */
final class SparkScore {
    private static final ThreadLocal<TaskRunner> RUNNER = ThreadLocal.withInitial(() -> new TaskRunner(System.err::println,
            Shipped::local));
    private static final java.util.concurrent.atomic.AtomicInteger SCORED = new java.util.concurrent.atomic.AtomicInteger();

    private SparkScore() {
    }

    /** Scores one task (the function each Spark job maps over its single element). */
    static String score(String taskJson) {
        io.jnas.kernel.Kernels.configure(System.err::println); // before this executor's first operator
        EvalTask task = EvalTask.fromJson(taskJson);
        String result = RUNNER.get().run(task).toJson();
        haltIfAsked();
        return result;
    }

    private static void haltIfAsked() {
        String halt = System.getProperty("jnas.executor.halt");
        if (halt == null) {
            return;
        }
        int n = Integer.parseInt(halt.substring(0, halt.indexOf(':')));
        if (SCORED.incrementAndGet() != n) {
            return;
        }
        Path claim = Path.of(halt.substring(halt.indexOf(':') + 1));
        try {
            Files.writeString(Files.createFile(claim.resolveSibling(claim.getFileName() + ".tmp")),
                    Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            Files.move(claim.resolveSibling(claim.getFileName() + ".tmp"), claim);
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        io.jnas.run.Events.halt();
    }
}
