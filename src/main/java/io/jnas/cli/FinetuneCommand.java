package io.jnas.cli;

import io.jnas.run.RunDir;
import io.jnas.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas finetune}: post-processing of a subnet found by {@code search nat}. */
@Command(name = "finetune", description = "Fine-tune a subnet of a trained super-network (epoch count chosen on validation, "
        + "then retrained on training + validation and tested).")
public final class FinetuneCommand implements Callable<Integer> {
    @Mixin
    Output out;
    @Option(names = "--subnet", required = true, description = "Subnet text {\"ks\":[...],\"e\":[...],\"d\":[...],\"r\":R,\"w\":W}.")
    String subnet;
    @Option(names = "--supernet", required = true, description = "Trained super-network run (jnas supernet train).")
    Path supernet;
    @Option(names = "--dataset", description = "Must match the super-network's data set (its splits are used); optional.")
    String dataset;
    @Option(names = "--preset", defaultValue = "cpu", description = "cpu (up to 5 epochs, patience 2) or paper (up to 50, patience 5).")
    String preset;
    @Option(names = "--epochs", description = "Most epochs tried when choosing the epoch count.")
    Integer epochs;
    @Option(names = "--patience", description = "Epochs without validation improvement before stopping.")
    Integer patience;
    @Option(names = "--lr", defaultValue = "0.01", description = "SGD learning rate (cosine) (default ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--seed", defaultValue = "0")
    long seed;
    @Option(names = "--out", description = "Run directory (default runs/finetune-<time>-s<seed>).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        boolean paper = MoteMixin.paper(preset);
        if (!Files.isRegularFile(supernet.resolve("config.yaml"))) {
            throw new UserError("--supernet " + supernet + " is not a run directory; train one with: jnas supernet train");
        }
        SupernetJob sj = SupernetJob.fromConfig(RunDir.open(supernet).readConfig());
        if (dataset != null && !dataset.equals(sj.data().dataset())) {
            throw new UserError("the super-network was trained on " + sj.data().dataset() + ", not " + dataset
                    + "; fine-tuning uses its data and splits (drop --dataset)");
        }
        FinetuneJob job;
        try {
            sj.ofaSpace().parse(subnet);
            TrainConfig t = new TrainConfig(1, batch, "sgd", lr, 0, "cosine", 0, 0.9, true, 3e-5, 0.1, 5.0, 0, 0, 4, true, 0,
                    seed);
            job = new FinetuneJob(subnet, supernet.toString(), epochs != null ? epochs : paper ? 50 : 5,
                    patience != null ? patience : paper ? 5 : 2, t);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        // only the options are user errors; a failure while training stays an internal error with its trace
        Path d = dir != null ? dir : RunDir.defaultPath("finetune", seed);
        out.result(job.start(d, out));
        return 0;
    }
}
