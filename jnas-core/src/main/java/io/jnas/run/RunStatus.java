package io.jnas.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a run is doing, for anyone who reads its folder (jnas ui, a script, a cluster's driver): {@code status.json}
 * holds {@code state} (running, finished, failed), the process ({@code pid}, {@code host}), when it started and when
 * this process took it up ({@code started}, {@code resumed}), a heartbeat ({@code updated}, at least every
 * {@value #HEARTBEAT_S} s while running), the stage ({@code stage}: e.g. epoch 3 of 10, evaluation 40 of 100) and the
 * step inside it (a progress bar's units), the whole run's {@code progress} in [0, 1] and the progress it had when
 * this process took it up ({@code progress_at_resume}, for an estimate of the time left). A run that is killed keeps
 * {@code state: running} with a process that is gone: readers call that interrupted. Written atomically, at most
 * every {@value #MIN_INTERVAL_MS} ms for steps; a failed write never stops the run.
 */
public final class RunStatus implements AutoCloseable {
    /** Seconds between heartbeats of a running run. */
    public static final int HEARTBEAT_S = 5;
    private static final long MIN_INTERVAL_MS = 500;
    private static final ThreadLocal<Deque<RunStatus>> CURRENT = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Map<Path, RunStatus> LIVE = new java.util.concurrent.ConcurrentHashMap<>();
    private static final ScheduledExecutorService BEAT = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jnas-run-status");
        t.setDaemon(true);
        return t;
    });

    static {
        BEAT.scheduleAtFixedRate(() -> LIVE.values().forEach(s -> s.write(true)), HEARTBEAT_S, HEARTBEAT_S, TimeUnit.SECONDS);
    }

    private final Path dir;
    private final Path file;
    private final String started;
    private final String resumed = Instant.now().toString();
    private final double progressAtResume;
    private String state = "running";
    private String message;
    private String stageLabel;
    private long stageDone;
    private long stageTotal;
    private String stepLabel;
    private long stepDone;
    private long stepTotal;
    private long lastWrite;

    private RunStatus(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("status.json");
        Map<String, Object> old = read(dir);
        this.started = old.get("started") instanceof String s ? s : resumed;
        this.progressAtResume = old.get("progress") instanceof Number n ? n.doubleValue() : 0;
    }

    /** Marks {@code run} as running in this process and makes it this thread's current run until {@link #close}. */
    public static RunStatus begin(RunDir run) {
        RunStatus s = new RunStatus(run.dir());
        CURRENT.get().push(s);
        LIVE.put(key(run.dir()), s);
        s.write(true);
        return s;
    }

    /** The last status.json of the run in {@code dir}, or an empty map (none yet, or unreadable). */
    public static Map<String, Object> read(Path dir) {
        Path f = dir.resolve("status.json");
        if (!Files.isRegularFile(f)) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<
                    String, Object>>() {
            });
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * The stage of {@code run} (when it is running in this process): {@code done} of {@code total} units (epochs,
     * evaluations, cells) are finished. Safe from any thread.
     */
    public static void stage(RunDir run, String label, long done, long total) {
        RunStatus s = run == null ? null : LIVE.get(key(run.dir()));
        if (s != null) {
            synchronized (s) {
                s.stageLabel = label;
                s.stageDone = done;
                s.stageTotal = total;
                s.stepLabel = null;
                s.stepTotal = 0;
            }
            s.write(true);
        }
    }

    /** A progress bar of the current run moved: {@code done} of {@code total} steps of {@code label}. */
    static void step(String label, long done, long total) {
        RunStatus s = CURRENT.get().peek();
        if (s != null) {
            synchronized (s) {
                s.stepLabel = label;
                s.stepDone = done;
                s.stepTotal = total;
            }
            s.write(done >= total);
        }
    }

    /** The run ended with {@code result.json} written. */
    public void finished() {
        end("finished", null);
    }

    /** The run stopped on {@code error}; its message is kept. */
    public void failed(Throwable error) {
        end("failed", error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    }

    private void end(String how, String why) {
        synchronized (this) {
            state = how;
            message = why;
            if (how.equals("finished")) {
                stageDone = stageTotal;
                stepDone = stepTotal;
            }
        }
        write(true);
    }

    /** The whole run's fraction done: finished stages plus the fraction of the current step. */
    synchronized double progress() {
        if (state.equals("finished")) {
            return 1;
        }
        double step = stepTotal > 0 ? Math.min(1, (double) stepDone / stepTotal) : 0;
        if (stageTotal > 0) {
            return Math.min(1, (stageDone + (stageDone < stageTotal ? step : 0)) / stageTotal);
        }
        return step;
    }

    private void write(boolean force) {
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (this) {
            long now = System.currentTimeMillis();
            if (!force && now - lastWrite < MIN_INTERVAL_MS) {
                return;
            }
            lastWrite = now;
            m.put("state", state);
            m.put("pid", ProcessHandle.current().pid());
            m.put("host", host());
            m.put("started", started);
            m.put("resumed", resumed);
            m.put("updated", Instant.now().toString());
            m.put("progress", Math.round(progress() * 1e4) / 1e4);
            m.put("progress_at_resume", progressAtResume);
            if (stageLabel != null) {
                m.put("stage", Json.ordered("label", stageLabel, "done", stageDone, "total", stageTotal));
            }
            if (stepLabel != null && stepTotal > 0) {
                m.put("step", Json.ordered("label", stepLabel, "done", stepDone, "total", stepTotal));
            }
            if (message != null) {
                m.put("message", message);
            }
        }
        try {
            AtomicFiles.writeString(file, Json.write(m));
        } catch (IOException | RuntimeException e) {
            // the status is for watchers; a run never stops because it could not be written
        }
    }

    /** This machine's name, as the status files write it. */
    public static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** This thread's run is over (finished, failed or left to be resumed): no more heartbeats. */
    @Override
    public void close() {
        LIVE.remove(key(dir), this);
        CURRENT.get().remove(this);
    }
}
