package io.jnas.run;

/**
 * A progress bar of a long loop (an epoch's steps), drawn by whatever front end plugged in a {@link Display}: the
 * command line draws it on a terminal, a library user gets none unless it plugs one in. Epoch summaries are printed
 * by the callers either way.
 */
public final class Progress implements AutoCloseable {
    private static volatile Display display = (task, total) -> null;
    private final Bar bar;
    private final String task;
    private final long total;
    private long done;

    private Progress(Bar bar, String task, long total) {
        this.bar = bar;
        this.task = task;
        this.total = total;
    }

    /** One drawn bar. */
    public interface Bar {
        /** Advances by {@code n} units; {@code extra} (or null) is shown next to it. */
        void step(long n, String extra);

        /** The loop is over. */
        void close();
    }

    /** Starts bars: a task of {@code total} units, or null to draw none. */
    @FunctionalInterface
    public interface Display {
        Bar start(String task, long total);
    }

    /** Draws every later bar of this process with {@code d}. */
    public static void display(Display d) {
        display = d;
    }

    /** Starts a bar of {@code total} units (drawn by the display plugged in, if any). */
    public static Progress start(String task, long total) {
        return new Progress(display.start(task, total), task, total);
    }

    /** Advances by {@code n} units (also the current run's status.json, {@link RunStatus}). */
    public void step(long n, String extra) {
        done += n;
        RunStatus.step(task, done, total);
        if (bar != null) {
            bar.step(n, extra);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
