package io.jnas.kernel;

import io.jnas.run.Json;
import java.util.List;

/**
 * The process {@link Ladder} starts to try one setting: it applies the setting it is given (the environment's
 * {@code JNAS_KERNELS}, or the user's oneDNN variables), runs every primitive check at 2 and 1 threads until the first
 * failure, and prints one line {@code jnas-kernel-check {JSON}} on standard output. A setting cannot be tried in a process
 * that has already used oneDNN (it reads its ISA cap once), hence a process per setting.
 */
public final class KernelCheck {
    /** The prefix of the result line. */
    static final String PREFIX = "jnas-kernel-check ";

    private KernelCheck() {
    }

    public static void main(String[] args) {
        Kernels.configure();
        boolean nnpack = Natives.nnpackAvailable();
        List<Check.Result> results = CheckRun.run(PrimitiveChecks.all(), CheckRun.THREADS, true, r -> { });
        Check.Result bad = CheckRun.firstFailure(results);
        System.out.println(PREFIX + Json.write(Json.ordered("ok", bad == null, "checks", results.size(), "nnpack", nnpack,
                "failed", bad == null ? null : bad.summary(), "failed_check", bad == null ? null : bad.name())));
        System.out.flush();
        System.exit(0);
    }
}
