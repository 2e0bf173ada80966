package io.jnas.cli;

import io.jnas.experiment.Experiments;
import io.jnas.experiment.FinetuneRun;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas finetune}: post-processing of a subnet found by {@code search nat}. */
@Command(name = "finetune", description = "Fine-tune a subnet of a trained super-network (epoch count chosen on validation, "
        + "then retrained on training + validation and tested).")
final class FinetuneCommand implements Callable<Integer> {
    @Mixin
    PresetMixin preset;
    @Mixin
    RunOptions out;
    @Option(names = "--subnet", required = true, description = "Subnet text {\"ks\":[...],\"e\":[...],\"d\":[...],\"r\":R,\"w\":W}.")
    String subnet;
    @Option(names = "--supernet", required = true, description = "Trained super-network run (jnas supernet train).")
    Path supernet;
    @Option(names = "--dataset", description = "Must match the super-network's data set (its splits are used); optional.")
    String dataset;
    @Option(names = "--epochs", description = "Most epochs tried when choosing the epoch count (cpu 5, paper 50).")
    Integer epochs;
    @Option(names = "--patience", description = "Epochs without validation improvement before stopping (cpu 2, paper 5).")
    Integer patience;
    @Option(names = "--lr", defaultValue = "0.01", description = "SGD learning rate (cosine) (default ${DEFAULT-VALUE}).")
    double lr;
    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--export", description = "onnx: also write the trained network to RUN/model.onnx.")
    ExportCommand.Format export;

    @Override
    public Integer call() throws Exception {
        FinetuneRun run = FinetuneRun.of(subnet, supernet, dataset, preset.or(epochs, 5, 50), preset.or(patience, 2, 5), lr, batch,
                out.seed);
        out.result(ExportCommand.after(export, Experiments.start(run, out.dir("finetune"), out::info)));
        return 0;
    }
}
