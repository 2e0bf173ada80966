package io.jnas.engine;

import io.jnas.estimate.EvalTask;
import io.jnas.estimate.TaskRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The worker side of {@link WorkerPool}, a process of its own: one evaluation task per input line, one result line per
 * task. Not a user command: the pool starts it with the worker's libtorch settings.
 */
public final class WorkerLoop {
    /** The system property naming the folder of the files the pool ships ({@link io.jnas.estimate.ShippedFiles}). */
    static final String SHIPPED = "jnas.shipped";

    private WorkerLoop() {
    }

    /** The worker process's entry point. */
    public static void main(String[] args) throws IOException {
        io.jnas.kernel.Kernels.configure(System.err::println);
        serve(System.in, System.out, System.err);
    }

    /** Serves tasks from {@code in} until it ends; results on {@code out}, logs on {@code err}. */
    public static void serve(InputStream in, PrintStream out, PrintStream err) throws IOException {
        java.nio.file.Path shipped = java.nio.file.Path.of(System.getProperty(SHIPPED, "shipped"));
        TaskRunner runner = new TaskRunner(err::println, ref -> io.jnas.estimate.ShippedFiles.checked(ref,
                shipped.resolve(ref.substring(ref.indexOf('/') + 1))));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            EvalTask task = EvalTask.fromJson(line);
            out.println(WorkerPool.RESULT + runner.run(task).toJson());
            out.flush();
            io.jnas.run.Events.emit("task-scored", ProcessHandle.current().pid() + " " + task.arch());
        }
    }
}
