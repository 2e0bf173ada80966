package io.jnas.cli;

import io.jnas.data.reduce.RdSpec;
import io.jnas.estimate.MoteConfig;
import java.nio.file.Path;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas estimate}: score a random sample of architectures with MOTE and the baselines. */
@Command(name = "estimate", description = "Score a seeded random sample of architectures with MOTE and baselines; "
        + "with --table, rank correlations against the benchmark's accuracy.")
public final class EstimateCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    Output out;
    @Option(names = "--space", defaultValue = "nb201", description = "nb201 or darts (default ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--estimators", defaultValue = "mote,params", split = ",",
            description = "Comma list of: mote, synflow, naswot, grad_norm, snip, params, flops, tse, short_acc.")
    List<String> estimators;
    @Option(names = "--sample", defaultValue = "50", description = "Architectures to score (default ${DEFAULT-VALUE}).")
    int sample;
    @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--table", description = "NAS-Bench-201 table (CSV or folder) for τ, ρ and top-10 accuracy.")
    String table;
    @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
    String tableDataset;
    @Option(names = "--preset", defaultValue = "cpu", description = "cpu (<= 10 s per architecture) or paper (reference values).")
    String preset;
    @Option(names = "--out", defaultValue = "scores.csv", description = "CSV of scores; the run directory is next to it.")
    Path outCsv;
    @Option(names = "--rd-method", description = "labels, images or random (RD-RS).")
    String rdMethod;
    @Option(names = "--rd-labels", defaultValue = "10", description = "Labels kept by --rd-method labels.")
    int rdLabels;
    @Option(names = "--rd-images", description = "Training images per label (images, random).")
    Integer rdImages;
    @Option(names = "--rd-test-images", defaultValue = "20", description = "Test images per label (images, random).")
    int rdTestImages;
    @Option(names = "--encoder", defaultValue = "none",
            description = "ONNX image model for the RD (e.g. ../shared/models/mobilenetv2-12-int8.onnx), or none (raw pixels).")
    String encoder;
    @Option(names = "--encode-limit", defaultValue = "200", description = "Images encoded per label.")
    int encodeLimit;
    @Option(names = "--mote-epochs", description = "E (cpu preset 4, paper 50).")
    Integer moteEpochs;
    @Option(names = "--mote-g", description = "G (cpu preset 3, paper 10).")
    Integer moteG;
    @Option(names = "--mote-batch", description = "Batch (cpu preset 128, paper 1024).")
    Integer moteBatch;
    @Option(names = "--mote-width", description = "RA width (cpu preset 16, paper 32).")
    Integer moteWidth;
    @Option(names = "--ra-size", description = "RA input size (cpu preset 16, paper 32).")
    Integer raSize;
    @Option(names = "--speed", defaultValue = "macs", description = "time (wall seconds) or macs (deterministic).")
    String speed;
    @Option(names = "--landscape", defaultValue = "train", description = "train (as the reference) or eval.")
    String landscape;

    @Override
    public Integer call() throws Exception {
        boolean paper = switch (preset) {
            case "paper" -> true;
            case "cpu" -> false;
            default -> throw new UserError("--preset must be cpu or paper, got '" + preset + "'");
        };
        EstimateJob job;
        try {
            RdSpec rd = new RdSpec(rdMethod != null ? rdMethod : "images", rdLabels,
                    rdImages != null ? rdImages : paper ? 100 : 50, rdTestImages, encoder, encodeLimit, seed);
            MoteConfig mc = new MoteConfig(moteEpochs != null ? moteEpochs : paper ? 50 : 4, moteG != null ? moteG : paper ? 10 : 3,
                    moteBatch != null ? moteBatch : paper ? 1024 : 128, 1e-3, 0.01, moteWidth != null ? moteWidth : paper ? 32 : 16,
                    speed, landscape, seed);
            job = new EstimateJob(space, List.copyOf(estimators), sample, seed, data.spec(seed), rd,
                    raSize != null ? raSize : paper ? 32 : 16, mc, table, tableDataset, outCsv.toString());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (!encoder.equals("none") && !java.nio.file.Files.isRegularFile(Path.of(encoder))) {
            throw new UserError("--encoder " + encoder + " does not exist; give an ONNX image model or 'none'");
        }
        out.result(job.start(out));
        return 0;
    }

}
