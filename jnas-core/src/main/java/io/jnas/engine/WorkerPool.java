package io.jnas.engine;

import io.jnas.estimate.EvalResult;
import io.jnas.estimate.EvalTask;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Candidate evaluation in N worker processes on this machine, each a JVM running {@link WorkerLoop} with its own
 * libtorch thread budget (libtorch's intra-op thread count is one setting per process, so workers that must not share
 * it are processes). Tasks go to a worker as JSON lines on its standard input; results come back as JSON lines on its
 * standard output; its log goes to {@code worker-K.log}. A worker that dies (killed, crashed) costs only its task in
 * flight: the task goes to a fresh worker, at most twice, then it is recorded as failed. For tests, the system
 * property {@code jnas.worker.halt=K:EVENT:N} halts worker K's first process right after its N-th EVENT (see
 * {@link io.jnas.run.Events}), so that it can be killed at a known point.
 */
final class WorkerPool implements Engine {
    /** The prefix of a result line on a worker's standard output. */
    static final String RESULT = "jnas-result ";
    private static final String HALT = "jnas.worker.halt";
    private static final int RETRIES = 2;
    private final int threads;
    private final Path logs;
    private final Consumer<String> log;
    private final List<Worker> workers = new ArrayList<>();
    private final java.util.concurrent.BlockingQueue<Worker> idle = new java.util.concurrent.LinkedBlockingQueue<>();

    /**
     * @param workers number of worker processes
     * @param threads libtorch threads of each
     * @param logs folder of the workers' logs
     */
    WorkerPool(int workers, int threads, Path logs, Consumer<String> log) throws IOException {
        if (workers < 1 || threads < 1) {
            throw new IllegalArgumentException("--workers and --threads must be >= 1, got " + workers + " and " + threads);
        }
        this.threads = threads;
        this.logs = logs;
        this.log = log;
        Files.createDirectories(logs);
        for (int k = 0; k < workers; k++) {
            this.workers.add(new Worker(k));
        }
        idle.addAll(this.workers);
    }

    /** The process ids of the running workers. */
    List<Long> pids() {
        return workers.stream().map(w -> w.process.pid()).toList();
    }

    /**
     * Scores one task on the next idle worker (waiting for one); a worker that dies is restarted and the task tried
     * again, at most {@value #RETRIES} times, then it is a failed result. Safe to call from several threads.
     */
    @Override
    public EvalResult call(EvalTask task) throws IOException, InterruptedException {
        for (int deaths = 0; ; ) {
            Worker w = idle.take();
            try {
                EvalResult r = w.call(task);
                if (r != null) {
                    return r;
                }
                log.accept("worker " + w.id + " died while scoring " + task.arch() + "; restarted");
                w.restart();
                if (++deaths > RETRIES) {
                    return new EvalResult(task.arch(), Map.of(), Map.of(), Map.of(), 0, "worker " + w.id,
                            "its worker died " + deaths + " times while scoring it");
                }
            } finally {
                idle.add(w);
            }
        }
    }

    /** Only a super-network's current weights: workers on this machine read the spec's other files themselves. */
    @Override
    public synchronized Map<String, String> ship(io.jnas.estimate.EstimatorContext<?> ctx) throws IOException {
        return io.jnas.estimate.ShippedFiles.ship(ctx, shipped(), false, f -> {
        });
    }

    private Path shipped() {
        return logs.resolveSibling("shipped");
    }

    @Override
    public int parallelism() {
        return workers.size();
    }

    @Override
    public String describe() {
        return workers.size() + " worker processes x " + threads + " threads (logs in " + logs + ")";
    }

    @Override
    public void close() {
        workers.forEach(Worker::stop);
    }

    /** One worker process. */
    private final class Worker {
        private final int id;
        private int starts;
        private Process process;
        private BufferedWriter in;
        private BufferedReader out;

        Worker(int id) throws IOException {
            this.id = id;
            start();
        }

        private void start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.add("-Xmx4g");
            cmd.add("-Dai.djl.offline=true");
            cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
            cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
            cmd.add("-Djava.awt.headless=true");
            System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("jnas.") && !k.equals(HALT))
                    .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
            cmd.add("-D" + WorkerLoop.SHIPPED + "=" + shipped().toAbsolutePath());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerLoop.class.getName()));
            ProcessBuilder b = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(
                    logs.resolve("worker-" + id + ".log").toFile()));
            b.environment().remove("JNAS_HALT_AT");
            String halt = System.getProperty(HALT, "");
            if (starts++ == 0 && halt.startsWith(id + ":")) {
                b.environment().put("JNAS_HALT_AT", halt.substring(halt.indexOf(':') + 1));
                b.environment().put("JNAS_EVENTS", "1");
            }
            process = b.start();
            in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** The task's result, or null when the worker died before answering. */
        EvalResult call(EvalTask task) {
            try {
                in.write(task.toJson());
                in.newLine();
                in.flush();
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(RESULT)) {
                        return EvalResult.fromJson(line.substring(RESULT.length()));
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        }

        void restart() throws IOException {
            stop();
            start();
        }

        void stop() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
