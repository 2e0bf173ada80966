package io.jnas.kernel;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs checks at each of several libtorch thread counts (then restores the process's own). */
public final class CheckRun {
    /** The thread counts every check runs at: kernels split work differently at 1 and at 2 threads. */
    public static final int[] THREADS = {2, 1};

    private CheckRun() {
    }

    /**
     * Runs {@code checks} at each thread count of {@code threads}; with {@code failFast} it stops at the first failure.
     * Each result goes to {@code each} as it comes.
     */
    public static List<Check.Result> run(List<Check> checks, int[] threads, boolean failFast, Consumer<Check.Result> each) {
        List<Check.Result> out = new ArrayList<>();
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before its thread count is asked
        int own = JniUtils.getNumThreads();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int t : threads) {
                JniUtils.setNumThreads(t);
                for (Check c : checks) {
                    Check.Result r = c.run(m);
                    out.add(r);
                    each.accept(r);
                    if (failFast && !r.ok()) {
                        return out;
                    }
                }
            }
        } finally {
            JniUtils.setNumThreads(own);
        }
        return out;
    }

    /** The first failed result, or null. */
    public static Check.Result firstFailure(List<Check.Result> results) {
        return results.stream().filter(r -> !r.ok()).findFirst().orElse(null);
    }
}
