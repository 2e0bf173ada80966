package io.jnas.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ladder when no child JVM can be started with jnas on its class path (jnas submitted to Spark, whose class loader
 * holds jnas's jars): this process tries oneDNN capped at SSE4.1 (the level found right where wider ones failed, set
 * before the first convolution), then libtorch without oneDNN, which can be switched at any time.
 */
final class InProcess {
    private InProcess() {
    }

    static Profile climb(Machine m, Profile children, Consumer<String> log) {
        log.accept("kernels:   no check process could start (" + children.tried().get(0).failed() + "); checking in this "
                + "process");
        List<Profile.Tried> tried = new ArrayList<>();
        String chosen = null;
        List<KernelSetting> order = m.has("sse4_1") ? List.of(new KernelSetting("SSE41", true), KernelSetting.ONEDNN_OFF)
                : List.of(KernelSetting.ONEDNN_OFF);
        for (KernelSetting s : order) {
            long t0 = System.nanoTime();
            Kernels.apply(s, false, null);
            List<Check.Result> results = CheckRun.run(PrimitiveChecks.all(), CheckRun.THREADS, true, r -> { });
            Check.Result bad = CheckRun.firstFailure(results);
            Profile.Tried t = new Profile.Tried(s.text(), bad == null, "checked in-process", results.size(),
                    bad == null ? null : bad.summary(), bad == null ? null : bad.name(), (System.nanoTime() - t0) / 1e9);
            tried.add(t);
            log.accept("kernels:   " + Ladder.describe(t));
            if (t.ok()) {
                chosen = s.text();
                break;
            }
        }
        return new Profile(m.fingerprint(), m.toMap(), children.checked(), true, List.copyOf(tried), chosen);
    }
}
