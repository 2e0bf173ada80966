package io.jnas;

import io.jnas.kernel.Kernels;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Sets up libtorch's kernels for this machine when the test session opens, before any test runs an operator (oneDNN
 * fixes its ISA cap when first used): on a machine where the CPU's own kernels compute wrong results, the tests run
 * with the setting jnas checked right, as every jnas process does, and with nothing set by hand.
 */
public final class KernelsForTests implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Kernels.ensure(System.err::println);
    }
}
