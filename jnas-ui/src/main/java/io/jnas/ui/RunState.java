package io.jnas.ui;

import io.jnas.run.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A run's state as read from its folder by another process: status.json ({@link RunStatus}) and result.json. A run
 * whose status says running but whose process is gone (killed, or the machine rebooted) is interrupted; so is one
 * whose process lives on another machine and whose heartbeat stopped, and a run of an older jnas with neither file.
 *
 * @param status running, finished, failed or interrupted
 * @param progress the whole run's fraction done in [0, 1], or null when unknown
 * @param etaSeconds the estimated seconds left (from the progress made since this process took the run up), or null
 * @param elapsedSeconds seconds from its first start to now (running) or to its last heartbeat
 * @param started when it first started, or null
 * @param stage what it is doing (e.g. "epoch 3/10"), or null
 * @param message why it failed, or what to do (resume an interrupted run), or null
 */
public record RunState(String status, Double progress, Double etaSeconds, Double elapsedSeconds, String started,
        String stage, String message) {
    /** Seconds without a heartbeat after which a run on another machine counts as interrupted. */
    static final long STALE_S = 6L * RunStatus.HEARTBEAT_S;

    /** The state of the run in {@code dir} at {@code now}. */
    static RunState of(Path dir, Instant now) {
        Map<String, Object> s = RunStatus.read(dir);
        boolean result = Files.isRegularFile(dir.resolve("result.json"));
        String resume = "resume with: jnas resume " + dir;
        if (s.isEmpty()) {
            return result ? new RunState("finished", 1.0, null, null, null, null, null)
                    : new RunState("interrupted", null, null, null, null, null, resume);
        }
        Instant started = instant(s.get("started"));
        Instant resumed = instant(s.get("resumed"));
        Instant updated = instant(s.get("updated"));
        Double progress = s.get("progress") instanceof Number n ? n.doubleValue() : null;
        String stage = stage(s);
        String state = String.valueOf(s.get("state"));
        if (state.equals("running") && !alive(s, resumed, updated, now)) {
            state = "interrupted";
        }
        Instant end = state.equals("running") ? now : updated;
        Double elapsed = started != null && end != null ? Duration.between(started, end).toMillis() / 1e3 : null;
        Double eta = null;
        if (state.equals("running") && progress != null && resumed != null) {
            double p0 = s.get("progress_at_resume") instanceof Number n ? n.doubleValue() : 0;
            double since = Duration.between(resumed, now).toMillis() / 1e3;
            eta = progress > p0 + 1e-3 ? Math.round(since * (1 - progress) / (progress - p0) * 10) / 10.0 : null;
        }
        String message = switch (state) {
            case "interrupted" -> resume;
            case "failed" -> (String) s.get("message");
            default -> null;
        };
        return new RunState(state, progress, eta, elapsed, started == null ? null : started.toString(), stage, message);
    }

    private static String stage(Map<String, Object> s) {
        StringBuilder sb = new StringBuilder();
        if (s.get("stage") instanceof Map<?, ?> st) {
            sb.append(st.get("label")).append(' ').append(st.get("done")).append('/').append(st.get("total"));
        }
        if (s.get("step") instanceof Map<?, ?> st) {
            sb.append(sb.length() > 0 ? ", " : "").append(st.get("label")).append(": ").append(st.get("done")).append('/')
                    .append(st.get("total"));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /**
     * Whether the process that wrote a running status is still at it: on this machine, a live process of that pid that
     * started before it took up the run (a pid reused later is another program); elsewhere, a recent heartbeat.
     */
    private static boolean alive(Map<String, Object> s, Instant resumed, Instant updated, Instant now) {
        if (RunStatus.host().equals(s.get("host")) && s.get("pid") instanceof Number pid) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid.longValue());
            if (p.isEmpty() || !p.get().isAlive()) {
                return false;
            }
            Optional<Instant> born = p.get().info().startInstant();
            return born.isEmpty() || resumed == null || !born.get().isAfter(resumed.plusSeconds(1));
        }
        return updated != null && Duration.between(updated, now).getSeconds() <= STALE_S;
    }

    private static Instant instant(Object v) {
        try {
            return v instanceof String t ? Instant.parse(t) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
