package io.jnas.doctor;

import ai.djl.pytorch.jni.JniUtils;
import io.jnas.kernel.Check;
import io.jnas.kernel.CheckRun;
import io.jnas.kernel.KernelState;
import io.jnas.kernel.Kernels;
import io.jnas.kernel.PrimitiveChecks;
import io.jnas.kernel.Profile;
import io.jnas.run.Versions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything {@code jnas doctor} reports: the machine and software facts, the kernel setting in effect with what was
 * tried to find it, then every check at 2 and at 1 threads, one line each.
 */
public final class Doctor {
    private Doctor() {
    }

    /**
     * What the doctor found.
     *
     * @param facts machine, Java, DJL, libtorch, kernels, threads, NNPACK
     * @param results every check's result in the order run
     */
    public record Report(Map<String, Object> facts, List<Check.Result> results) {
        /** True when every check passed. */
        public boolean ok() {
            return results.stream().allMatch(Check.Result::ok);
        }

        /** As JSON-ready map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(facts);
            List<Map<String, Object>> checks = new ArrayList<>();
            for (Check.Result r : results) {
                checks.add(io.jnas.run.Json.ordered("check", r.name(), "threads", r.threads(), "error", r.error(), "ok", r.ok(),
                        "deterministic", r.deterministic(), "where", r.ok() ? null : r.where()));
            }
            m.put("checks", checks);
            m.put("ok", ok());
            return m;
        }
    }

    /** Prints the facts, then runs every check and prints one line per check as it completes. */
    public static Report run(Consumer<String> out) {
        KernelState st = Kernels.configure(out);
        Map<String, Object> facts = facts(st);
        facts.forEach((k, v) -> out.accept(String.format("%-9s %s", k, v)));
        out.accept("checks    float32 against float64, forward and backward (every input's gradient), at 2 and 1 threads; "
                + "each float32 run twice for same-seed bits; tolerance " + Check.TOLERANCE + " (primitives, max-norm), "
                + NetworkChecks.TOLERANCE + " (network steps, per-tensor 2-norm)");
        List<Check.Result> results = new ArrayList<>(CheckRun.run(PrimitiveChecks.all(), CheckRun.THREADS, false,
                r -> out.accept(r.line())));
        int own = JniUtils.getNumThreads();
        try {
            for (int t : CheckRun.THREADS) {
                JniUtils.setNumThreads(t);
                for (Check.Result r : NetworkChecks.all()) {
                    out.accept(r.line());
                    results.add(r);
                }
                for (Check.Result r : OptimizerChecks.all()) {
                    out.accept(r.line());
                    results.add(r);
                }
            }
        } finally {
            JniUtils.setNumThreads(own);
        }
        Report report = new Report(facts, results);
        long bad = results.stream().filter(r -> !r.ok()).count();
        out.accept(bad == 0 ? "all " + results.size() + " checks pass"
                : bad + " of " + results.size() + " checks FAIL; first: " + results.stream().filter(r -> !r.ok()).findFirst()
                        .orElseThrow().summary());
        return report;
    }

    private static Map<String, Object> facts(KernelState st) {
        Map<String, Object> m = new LinkedHashMap<>();
        var mc = st.machine();
        m.put("machine", mc.cpu() + " (family/model " + mc.family() + "), " + mc.cores() + " cores; caches: " + mc.caches());
        m.put("isa", String.join(" ", mc.isa()));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        m.put("jnas", Versions.jnas());
        m.put("djl", Versions.djl());
        m.put("libtorch", Versions.torch() + " (" + mc.libtorch().strip() + ")");
        Profile.Tried t = st.outcome();
        m.put("kernels", st.setting() + " (" + st.source() + (st.note() != null ? "; " + st.note() : "") + ")");
        m.put("onednn", t == null ? "not checked yet" : t.onednn());
        if (st.profile() != null) {
            List<String> tried = new ArrayList<>();
            for (Profile.Tried x : st.profile().tried()) {
                tried.add(x.setting() + (x.ok() ? " right" : " wrong (" + x.failed() + ")"));
            }
            m.put("tried", String.join("; ", tried) + " [checked " + st.profile().checked() + ", machine "
                    + mc.fingerprint() + "]");
        }
        m.put("threads", "libtorch " + JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads()
                + " inter-op; OMP_NUM_THREADS " + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("nnpack", st.profile() == null ? "unknown" : st.profile().nnpack() ? "available"
                : "unavailable on this CPU (NNPACK's own test fails); jnas turns it off so that libtorch does not warn on "
                        + "every convolution");
        return m;
    }
}
