package io.jnas.cli;

import io.jnas.train.TrainConfig;
import picocli.CommandLine.Option;

/** Training hyper-parameter options; unset ones take the command's preset. */
public final class TrainMixin {
    @Option(names = "--epochs", description = "Epochs.")
    Integer epochs;
    @Option(names = "--batch", description = "Batch size.")
    Integer batch;
    @Option(names = "--optimizer", description = "sgd, adam or adamw.")
    String optimizer;
    @Option(names = "--lr", description = "Peak learning rate.")
    Double lr;
    @Option(names = "--min-lr", description = "Final learning rate of the cosine schedule.")
    Double minLr;
    @Option(names = "--schedule", description = "cosine or constant.")
    String schedule;
    @Option(names = "--warmup", description = "Linear warm-up epochs.")
    Double warmup;
    @Option(names = "--momentum", description = "SGD momentum / Adam beta1.")
    Double momentum;
    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum (SGD).")
    Boolean nesterov;
    @Option(names = "--wd", description = "Weight decay.")
    Double wd;
    @Option(names = "--label-smoothing", description = "Label smoothing epsilon.")
    Double labelSmoothing;
    @Option(names = "--grad-clip", description = "Max global gradient norm (0 = off).")
    Double gradClip;
    @Option(names = "--drop-path", description = "Final drop-path probability (ramped over epochs).")
    Double dropPath;
    @Option(names = "--aux-weight", description = "Auxiliary-head loss weight.")
    Double auxWeight;
    @Option(names = "--crop-padding", description = "Random-crop padding in pixels (0 = off).")
    Integer cropPadding;
    @Option(names = "--flip", negatable = true, description = "Random horizontal flips.")
    Boolean flip;
    @Option(names = "--cutout", description = "Cutout size in pixels (0 = off).")
    Integer cutout;

    /** The preset with every option the user gave applied on top. */
    TrainConfig apply(TrainConfig p) {
        return new TrainConfig(or(epochs, p.epochs()), or(batch, p.batch()), or(optimizer, p.optimizer()), or(lr, p.lr()),
                or(minLr, p.minLr()), or(schedule, p.schedule()), or(warmup, p.warmupEpochs()), or(momentum, p.momentum()),
                or(nesterov, p.nesterov()), or(wd, p.weightDecay()), or(labelSmoothing, p.labelSmoothing()),
                or(gradClip, p.gradClip()), or(dropPath, p.dropPath()), or(auxWeight, p.auxWeight()),
                or(cropPadding, p.cropPadding()), or(flip, p.flip()), or(cutout, p.cutout()), p.seed());
    }

    private static <T> T or(T v, T d) {
        return v != null ? v : d;
    }
}
