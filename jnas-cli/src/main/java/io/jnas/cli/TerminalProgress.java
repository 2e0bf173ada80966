package io.jnas.cli;

import io.jnas.run.Progress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on standard error when it is a terminal; none otherwise (logs, CI, pipes) or with JNAS_NO_PROGRESS. */
final class TerminalProgress implements Progress.Display {
    @Override
    public Progress.Bar start(String task, long total) {
        if (System.console() == null || System.getenv("JNAS_NO_PROGRESS") != null) {
            return null;
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new Progress.Bar() {
            @Override
            public void step(long n, String extra) {
                bar.stepBy(n);
                if (extra != null) {
                    bar.setExtraMessage(extra);
                }
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
