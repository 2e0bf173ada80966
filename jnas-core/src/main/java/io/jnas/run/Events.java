package io.jnas.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Points of a run that an outside observer may wait for: a checkpoint written, a score recorded. With the
 * environment variable {@code JNAS_EVENTS} set, each is one line {@code jnas-event: NAME DETAIL} on standard error;
 * with {@code JNAS_HALT_AT=NAME:N} the process stops for good right after the N-th event NAME (after its line), so a
 * test can kill it at exactly that point instead of after a guessed delay.
 */
public final class Events {
    private static final boolean ON = System.getenv("JNAS_EVENTS") != null;
    private static final String HALT = System.getenv("JNAS_HALT_AT");
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    private Events() {
    }

    /** Signals that {@code name} happened ({@code detail}: where). */
    public static void emit(String name, String detail) {
        if (!ON && HALT == null) {
            return;
        }
        int n = COUNTS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        System.err.println("jnas-event: " + name + " " + n + " " + detail);
        System.err.flush();
        if ((name + ":" + n).equals(HALT)) {
            halt();
        }
    }

    /** Stops this thread for good (a test kills the process at this point); never returns. */
    public static void halt() {
        Object forever = new Object();
        synchronized (forever) {
            while (true) {
                try {
                    forever.wait();
                } catch (InterruptedException e) {
                    // halted on purpose: only a kill ends this process
                }
            }
        }
    }
}
