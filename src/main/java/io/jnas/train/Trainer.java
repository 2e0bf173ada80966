package io.jnas.train;

import io.jnas.nn.Losses;
import io.jnas.nn.NoGrad;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Splits;
import io.jnas.nn.Ctx;
import io.jnas.nn.Network;
import io.jnas.nn.Param;
import io.jnas.run.Progress;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** One epoch's figures. */
    public record EpochMetrics(int epoch, double lr, double trainLoss, double trainTop1, double testLoss,
            double testTop1, double testTop5, double seconds, double imagesPerSecond) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", epoch);
            m.put("lr", lr);
            m.put("train_loss", trainLoss);
            m.put("train_top1", trainTop1);
            m.put("test_loss", testLoss);
            m.put("test_top1", testTop1);
            m.put("test_top5", testTop5);
            m.put("seconds", seconds);
            m.put("images_per_s", imagesPerSecond);
            return m;
        }

        static EpochMetrics fromMap(Map<String, Object> m) {
            return new EpochMetrics(((Number) m.get("epoch")).intValue(), num(m, "lr"), num(m, "train_loss"),
                    num(m, "train_top1"), num(m, "test_loss"), num(m, "test_top1"), num(m, "test_top5"),
                    num(m, "seconds"), num(m, "images_per_s"));
        }

        private static double num(Map<String, Object> m, String k) {
            return ((Number) m.get(k)).doubleValue();
        }
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
    }

    public Result fit() throws IOException {
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
        int skipped = 0;
        long t0 = System.nanoTime();
        double lr = 0;
        try (Progress bar = Progress.start("epoch " + (epoch + 1) + "/" + cfg.epochs(), stepsPerEpoch)) {
            for (int s = 0; s < stepsPerEpoch; s++) {
                int from = s * cfg.batch();
                int to = Math.min(order.length, from + cfg.batch());
                lr = Schedule.lr(cfg, epoch + (double) s / stepsPerEpoch);
                SplittableRandom rng = Seeds.stream(cfg.seed(), epoch, s);
                try (NDManager step = manager.newSubManager()) {
                    Batcher.Batch b = batcher.batch(step, order, from, to, rng);
                    Ctx ctx = new Ctx(step, true, rng, null).withDropPath(dropPath);
                    float loss;
                    long right;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        Network.Output out = net.run(ctx, b.x());
                        NDArray l = Losses.crossEntropy(out.logits(), b.y(), cfg.labelSmoothing());
                        if (out.aux() != null && cfg.auxWeight() > 0) {
                            l = l.add(Losses.crossEntropy(out.aux(), b.y(), cfg.labelSmoothing()).mul((float) cfg.auxWeight()));
                        }
                        gc.backward(l);
                        loss = l.getFloat();
                        right = Evaluation.topk(out.logits(), b.y().toIntArray())[0];
                    }
                    if (!Float.isFinite(loss)) {
                        throw new Diverged("training loss became " + loss + " at epoch " + (epoch + 1) + " step " + (s + 1)
                                + "; the last epoch's checkpoint is kept; lower --lr or enable --grad-clip");
                    }
                    String skippedWhy = opt.stepIfFinite(step, loss, cfg.gradClip(), lr);
                    boolean ok = skippedWhy == null;
                    if (!ok) {
                        log.accept("epoch " + (epoch + 1) + ": skipped step " + (s + 1) + " (" + skippedWhy + ")");
                        if (++skipped > Optimizer.MAX_SKIPPED_STEPS) {
                            throw new Diverged("gradient not finite in more than " + Optimizer.MAX_SKIPPED_STEPS
                                    + " steps of epoch " + (epoch + 1) + " (last: " + skippedWhy
                                    + "); the last epoch's checkpoint is kept; lower --lr");
                        }
                    }
                    if (ok) {
                        lossSum += loss * b.size();
                        correct += right;
                        seen += b.size();
                    }
                }
                bar.step(1, String.format("loss %.3f", lossSum / Math.max(seen, 1)));
            }
        }
        if (seen == 0) {
            throw new Diverged("no step of epoch " + (epoch + 1) + " had a finite gradient; the last epoch's checkpoint "
                    + "is kept; lower --lr");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Evaluation ev = Evaluation.of(net, manager, test, norm, Math.max(cfg.batch(), 256));
        EpochMetrics m = new EpochMetrics(epoch + 1, lr, lossSum / seen, 100.0 * correct / seen, ev.loss(), ev.top1(),
                ev.top5(), secs, seen / secs);
        log.accept(String.format("epoch %d/%d  loss %.4f  train %.2f%%  test %.2f%% (top-5 %.2f%%)  %.0f img/s  %.1fs",
                m.epoch(), cfg.epochs(), m.trainLoss(), m.trainTop1(), m.testTop1(), m.testTop5(), m.imagesPerSecond(),
                secs));
        if (run != null) {
            run.appendMetrics(m.toMap());
        }
        return m;
    }

    private void checkpoint(Optimizer opt, int epochsDone, List<EpochMetrics> history) throws IOException {
        if (run == null) {
            return;
        }
        Map<String, NDArray> model = net.namedArrays();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("epochs_done", epochsDone);
        state.put("optimizer_steps", opt.steps());
        state.put("history", history.stream().map(EpochMetrics::toMap).toList());
        run.saveCheckpoint(Map.of("model", model, "optimizer", opt.stateTensors()), state);
    }

    @SuppressWarnings("unchecked")
    private int restore(Optimizer opt, List<EpochMetrics> history) throws IOException {
        if (run == null) {
            return 0;
        }
        try (NDManager tmp = manager.newSubManager()) {
            var ck = run.loadCheckpoint(tmp);
            if (ck.isEmpty()) {
                return 0;
            }
            Map<String, NDArray> model = ck.get().tensors().get("model");
            try (NoGrad ng = new NoGrad()) {
                io.jnas.run.TensorFile.copyInto(model, net.namedArrays(), "model");
                io.jnas.run.TensorFile.copyInto(ck.get().tensors().getOrDefault("optimizer", Map.of()), opt.stateTensors(), "optimizer");
            }
            Map<String, Object> state = ck.get().state();
            opt.setSteps(((Number) state.get("optimizer_steps")).longValue());
            for (Object o : (List<Object>) state.get("history")) {
                history.add(EpochMetrics.fromMap((Map<String, Object>) o));
            }
            int done = ((Number) state.get("epochs_done")).intValue();
            run.retainMetrics(r -> r.get("epoch") instanceof Number n && n.intValue() <= done);
            log.accept("resumed after epoch " + done + " of " + cfg.epochs() + " from " + run.dir().resolve("checkpoint"));
            return done;
        }
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
