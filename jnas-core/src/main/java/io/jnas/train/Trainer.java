package io.jnas.train;

import io.jnas.run.RunStatus;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Splits;
import io.jnas.nn.Ctx;
import io.jnas.nn.Losses;
import io.jnas.nn.Network;
import io.jnas.nn.Param;
import io.jnas.nn.Scalar;
import io.jnas.run.Json;
import io.jnas.run.Progress;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a fixed network: mini-batch SGD/Adam/AdamW with the configured schedule, label
 * smoothing, gradient clipping, drop-path ramp and auxiliary loss; evaluates every epoch.
 *
 * <p>Every step runs inside its own native-memory sub-manager. With a run directory, each epoch
 * ends with an atomic checkpoint (weights, optimizer state, history) and a metrics line; a new
 * trainer on the same directory continues after the last checkpoint and, because every random
 * choice is derived from (seed, epoch, step), finishes with the same weights as an
 * uninterrupted run.
 */
public final class Trainer {
    private final Network net;
    private final NDManager manager;
    private final TrainConfig cfg;
    private final ImageData train;
    private final ImageData test;
    private final RunDir run;
    private final Normalization norm;
    private final java.util.function.Consumer<String> log;
    private final StepGuard guard;

    /** One epoch's figures (a metrics.jsonl row). */
    public record EpochMetrics(int epoch, double lr, double trainLoss, double trainTop1, double testLoss,
            double testTop1, double testTop5, double seconds,
            @com.fasterxml.jackson.annotation.JsonProperty("images_per_s") double imagesPerSecond) {
    }

    /** What a checkpoint records besides the tensors. */
    record State(int epochsDone, long optimizerSteps, List<EpochMetrics> history) {
    }

    /** The whole run: per-epoch history, final test evaluation, training wall time. */
    public record Result(List<EpochMetrics> history, Evaluation finalTest, double trainSeconds, double imagesPerSecond) {
    }

    /**
     * @param net the network, whose parameters live on {@code manager}
     * @param run where checkpoints and metrics go (null: in-memory only)
     * @param log receives one line per epoch
     */
    public Trainer(Network net, NDManager manager, TrainConfig cfg, ImageData train, ImageData test, RunDir run,
            java.util.function.Consumer<String> log) {
        this.net = net;
        this.manager = manager;
        this.cfg = cfg;
        this.train = train;
        this.test = test;
        this.run = run;
        this.norm = Normalization.of(train);
        this.log = log;
        this.guard = new StepGuard("training", "lower --lr or set --grad-clip", log);
    }

    public Result fit() throws IOException {
        if (run != null) {
            io.jnas.data.Preprocessing.of(train, norm).writeTo(run.dir());
        }
        List<Param> trainable = net.trainableParameters();
        List<EpochMetrics> history = new ArrayList<>();
        try (Optimizer opt = Optimizer.of(cfg, trainable, manager)) {
            int start = restore(opt, history);
            Augment aug = new Augment(cfg.cropPadding(), cfg.flip(), cfg.cutout());
            Batcher batcher = new Batcher(train, norm, aug);
            int stepsPerEpoch = (train.size() + cfg.batch() - 1) / cfg.batch();
            for (int epoch = start; epoch < cfg.epochs() && !stopped(history); epoch++) {
                history.add(trainEpoch(epoch, opt, batcher, stepsPerEpoch));
                checkpoint(opt, epoch + 1, history);
            }
        }
        Evaluation fin = Evaluation.of(net, manager, test, norm, Math.max(cfg.batch(), 256));
        double secs = history.stream().mapToDouble(EpochMetrics::seconds).sum();
        double ips = secs > 0 ? (double) train.size() * history.size() / secs : 0;
        return new Result(history, fin, secs, ips);
    }

    private EpochMetrics trainEpoch(int epoch, Optimizer opt, Batcher batcher, int stepsPerEpoch) throws IOException {
        int[] order = Splits.permutation(train.size(), Seeds.stream(cfg.seed(), epoch, -1));
        double dropPath = cfg.dropPath() * epoch / cfg.epochs();
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        long t0 = System.nanoTime();
        double lr = 0;
        RunStatus.stage(run, "epoch", epoch, cfg.epochs());
        try (Progress bar = Progress.start("epoch " + (epoch + 1) + "/" + cfg.epochs(), stepsPerEpoch)) {
            for (int s = 0; s < stepsPerEpoch; s++) {
                int from = s * cfg.batch();
                int to = Math.min(order.length, from + cfg.batch());
                lr = Schedule.lr(cfg, epoch + (double) s / stepsPerEpoch);
                SplittableRandom rng = Seeds.stream(cfg.seed(), epoch, s);
                try (NDManager step = manager.newSubManager()) {
                    Batcher.Batch b = batcher.batch(step, order, from, to, rng);
                    Ctx ctx = new Ctx(step, true, rng, null).withDropPath(dropPath);
                    long[] right = new long[1];
                    float loss = guard.step(opt, step, cfg.gradClip(), lr, "epoch " + (epoch + 1) + " step " + (s + 1), () -> {
                        Network.Output out = net.run(ctx, b.x());
                        NDArray l = Losses.crossEntropy(out.logits(), b.y(), cfg.labelSmoothing());
                        if (out.aux() != null && cfg.auxWeight() > 0) {
                            l = l.add(Scalar.mul(Losses.crossEntropy(out.aux(), b.y(), cfg.labelSmoothing()), (float) cfg.auxWeight()));
                        }
                        right[0] = Evaluation.topk(out.logits(), b.y().toIntArray())[0];
                        return l;
                    });
                    if (Float.isFinite(loss)) {
                        lossSum += loss * b.size();
                        correct += right[0];
                        seen += b.size();
                    }
                }
                bar.step(1, String.format("loss %.3f", lossSum / Math.max(seen, 1)));
            }
        }
        guard.endEpoch("epoch " + (epoch + 1));
        double secs = (System.nanoTime() - t0) / 1e9;
        Evaluation ev = Evaluation.of(net, manager, test, norm, Math.max(cfg.batch(), 256));
        EpochMetrics m = new EpochMetrics(epoch + 1, lr, lossSum / seen, 100.0 * correct / seen, ev.loss(), ev.top1(),
                ev.top5(), secs, seen / secs);
        log.accept(String.format("epoch %d/%d  loss %.4f  train %.2f%%  test %.2f%% (top-5 %.2f%%)  %.0f img/s  %.1fs",
                m.epoch(), cfg.epochs(), m.trainLoss(), m.trainTop1(), m.testTop1(), m.testTop5(), m.imagesPerSecond(),
                secs));
        if (run != null) {
            run.appendMetrics(Json.toMap(m));
        }
        return m;
    }

    private Map<String, Map<String, NDArray>> checkpointed(Optimizer opt) {
        return Map.of("model", net.namedArrays(), "optimizer", opt.stateTensors());
    }

    private void checkpoint(Optimizer opt, int epochsDone, List<EpochMetrics> history) throws IOException {
        if (run != null) {
            Checkpoints.save(run, checkpointed(opt), new State(epochsDone, opt.steps(), List.copyOf(history)));
        }
    }

    private int restore(Optimizer opt, List<EpochMetrics> history) throws IOException {
        var restored = Checkpoints.resume(run, manager, State.class, checkpointed(opt), State::epochsDone);
        if (restored.isEmpty()) {
            return 0;
        }
        State st = restored.get();
        opt.setSteps(st.optimizerSteps());
        history.addAll(st.history());
        log.accept("resumed after epoch " + st.epochsDone() + " of " + cfg.epochs() + " from " + run.dir().resolve("checkpoint"));
        return st.epochsDone();
    }

    private java.util.function.Predicate<List<EpochMetrics>> stop = h -> false;

    /**
     * Stops training after an epoch when {@code rule} holds for the history so far (early
     * stopping; also checked on resume, so a resumed run stops where the original would have).
     */
    public Trainer stopWhen(java.util.function.Predicate<List<EpochMetrics>> rule) {
        this.stop = rule;
        return this;
    }

    private boolean stopped(List<EpochMetrics> history) {
        return !history.isEmpty() && stop.test(history);
    }

    public Normalization normalization() {
        return norm;
    }
}
