package io.jnas.kernel;

import io.jnas.run.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Tries kernel settings, each in a fresh JVM running {@link KernelCheck} (oneDNN fixes its ISA cap when first used, so
 * one process cannot try two), fastest first, and stops at the first under which every check passes.
 */
final class Ladder {
    /** Marks a process started to check a setting: it applies its setting and never starts a ladder of its own. */
    static final String CHILD = "JNAS_KERNEL_CHILD";

    private Ladder() {
    }

    /** Tries {@code settings} in order on {@code m} until one passes; the result names it (or none). */
    static Profile climb(Machine m, List<KernelSetting> settings, Consumer<String> log) {
        log.accept("kernels: checking libtorch's kernels on this machine once (" + m.cpu() + ", libtorch " + m.libtorch().strip()
                + "); the result is kept in " + Profile.file(m));
        List<Profile.Tried> tried = new ArrayList<>();
        boolean nnpack = true;
        String chosen = null;
        for (KernelSetting s : settings) {
            Outcome o = tryInChild(s, true);
            tried.add(o.tried());
            nnpack &= o.nnpack();
            log.accept("kernels:   " + describe(o.tried()));
            if (o.tried().ok()) {
                chosen = s.text();
                break;
            }
        }
        return new Profile(m.fingerprint(), m.toMap(), Instant.now().toString(), nnpack, List.copyOf(tried), chosen);
    }

    /** One line for a tried setting. */
    static String describe(Profile.Tried t) {
        return String.format(java.util.Locale.ROOT, "%-11s %s (%.1f s)", t.setting(), t.ok() ? "right: " + t.checks()
                + " checks pass at 2 and 1 threads" : "wrong: " + t.failed(), t.seconds());
    }

    /** What a child process found. */
    record Outcome(Profile.Tried tried, boolean nnpack) {
    }

    /**
     * Checks {@code s} in a child JVM; with {@code set} the child is told the setting through {@code JNAS_KERNELS},
     * otherwise it inherits this process's environment (the user's own oneDNN variables).
     */
    static Outcome tryInChild(KernelSetting s, boolean set) {
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx2g", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_interop_threads=1", "-cp", System.getProperty("java.class.path"),
                KernelCheck.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put(CHILD, "1");
        pb.environment().put("ONEDNN_VERBOSE", "check");
        if (set) {
            pb.environment().put(Kernels.ENV, s.text());
        }
        String onednn = "";
        String isa = "";
        Map<String, Object> result = null;
        ArrayDeque<String> errors = new ArrayDeque<>();
        try {
            Process p = pb.start();
            Thread drain = new Thread(() -> keepLast(p, errors), "kernel-check-stderr");
            drain.setDaemon(true);
            drain.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("onednn_verbose") && line.contains(",info,oneDNN ")) {
                        onednn = line.substring(line.indexOf("oneDNN ")).replaceAll(" \\(commit.*", "");
                    } else if (line.startsWith("onednn_verbose") && line.contains(",isa:")) {
                        isa = line.substring(line.indexOf(",isa:") + 5);
                    } else if (line.startsWith(KernelCheck.PREFIX)) {
                        result = Json.toMap(Json.MAPPER.readTree(line.substring(KernelCheck.PREFIX.length())));
                    }
                }
            }
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            drain.join(2000);
        } catch (IOException e) {
            errors.add(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add("interrupted");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String what = onednn.isEmpty() ? isa : onednn + (isa.isEmpty() ? "" : ", " + isa);
        if (result == null) {
            String why = "the check process gave no result: " + (errors.isEmpty() ? "no output" : errors.peekLast());
            return new Outcome(new Profile.Tried(s.text(), false, what, 0, why, null, secs), true);
        }
        boolean ok = Boolean.TRUE.equals(result.get("ok"));
        return new Outcome(new Profile.Tried(s.text(), ok, what, ((Number) result.get("checks")).intValue(),
                (String) result.get("failed"), (String) result.get("failed_check"), secs), !Boolean.FALSE.equals(result.get("nnpack")));
    }

    private static void keepLast(Process p, ArrayDeque<String> last) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.contains("NNPACK")) {
                    synchronized (last) {
                        last.add(line.strip());
                        if (last.size() > 5) {
                            last.removeFirst();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** The java executable of this JVM. */
    private static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
