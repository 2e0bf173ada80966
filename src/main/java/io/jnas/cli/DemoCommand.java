package io.jnas.cli;

import io.jnas.nn.ModelSpec;
import io.jnas.run.RunDir;
import io.jnas.train.TrainConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jnas demo}: the end-to-end smoke run. Until a search method lands it trains a small
 * CNN for one epoch on Fashion-MNIST (or the data set given) and writes a report.
 */
@Command(name = "demo", description = "Train a small CNN on Fashion-MNIST for one epoch and write a report (about a minute).")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    Output out;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--epochs", defaultValue = "1", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--out", description = "Run directory (default runs/demo-<time>-s<seed>).")
    Path outDir;

    @Override
    public Integer call() throws Exception {
        TrainConfig cfg;
        try {
            cfg = TrainConfig.defaults(epochs, 128, seed);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        TrainJob job = new TrainJob(new ModelSpec("cnn", null, 16, 3, false), data.spec(seed), cfg);
        Path dir = outDir != null ? outDir : RunDir.defaultPath("demo", seed);
        var result = job.start(dir, out);
        out.info("report: " + dir.resolve("report.html"));
        out.result(result);
        return 0;
    }
}
