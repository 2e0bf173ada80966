package io.jnas.run;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error when it is a terminal; silent otherwise (logs, CI,
 * pipes). Epoch summaries are printed by the callers either way.
 */
public final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Starts a bar of {@code total} units, or a no-op when not on a terminal. */
    public static Progress start(String task, long total) {
        if (System.console() == null || System.getenv("JNAS_NO_PROGRESS") != null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build());
    }

    public void step(long n, String extra) {
        if (bar != null) {
            bar.stepBy(n);
            if (extra != null) {
                bar.setExtraMessage(extra);
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
