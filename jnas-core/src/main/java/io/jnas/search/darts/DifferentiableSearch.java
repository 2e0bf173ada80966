package io.jnas.search.darts;

import io.jnas.run.RunStatus;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Splits;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Param;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.nn.supernet.ClassifierObjective;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.Objective;
import io.jnas.nn.supernet.Supernet;
import io.jnas.run.Progress;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.train.Checkpoints;
import io.jnas.train.Optimizer;
import io.jnas.train.Schedule;
import io.jnas.train.StepGuard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * First-order bilevel search (DARTS, arXiv:1806.09055; MAE-NAS, arXiv:2311.12086): the training images are split in
 * half, weights learn on one half with SGD, α on the other with Adam; each step is one α update
 * on a batch of the α half followed by one weight update on a batch of the weight half.
 * The objective is supervised cross-entropy or masked reconstruction. Each epoch records the
 * losses, softmax(α), the derived architecture and its skip count, and checkpoints.
 */
public final class DifferentiableSearch implements AutoCloseable {
    private final SearchConfig cfg;
    private final NDManager manager;
    private final Supernet net;
    private final Objective objective;
    private final ImageData weightHalf;
    private final ImageData alphaHalf;
    private final Normalization norm;
    private final List<Param> weights;
    private final List<Param> arch;
    private StepGuard guard = new StepGuard("search", "lower --lr or --alpha-lr", line -> { });

    /** One epoch of search. */
    public record Epoch(int epoch, double weightLoss, double alphaLoss, double lr, String arch, int skips,
            double seconds, List<double[][]> alpha, double[] margins) {
        /** The smallest decision margin over the edges (how close the least clear choice is). */
        public double marginMin() {
            return java.util.Arrays.stream(margins).min().orElse(0);
        }

        /** The mean decision margin over the edges. */
        public double marginMean() {
            return java.util.Arrays.stream(margins).average().orElse(0);
        }
    }

    /** @param train the search's training images (labels used only by the supervised objective) */
    public DifferentiableSearch(SearchConfig cfg, ImageData train) {
        this.cfg = cfg;
        this.manager = NDManager.newBaseManager();
        Splits.Pair halves = Splits.stratified(train, 0.5, Seeds.mix(cfg.seed(), 2));
        this.weightHalf = halves.first();
        this.alphaHalf = halves.second();
        this.norm = Normalization.of(train);
        Init init = new Init(manager, Seeds.mix(cfg.seed(), 1));
        int in = train.channels();
        this.net = SpaceKits.get(cfg.space()).supernet(init, in, cfg.channels(), cfg.layers(), cfg.variants())
                .orElseThrow(() -> new IllegalArgumentException("space '" + cfg.space() + "' has no supernet for a "
                        + "differentiable search"));
        int[] sc = net.stageChannels();
        this.objective = cfg.objective().equals("mae") ? new MaeObjective(init, cfg.mae(), sc, in, 1)
                : new ClassifierObjective(init, sc[2], train.numClasses(), net.preActivationHead());
        this.weights = new ArrayList<>(net.weightParameters());
        weights.addAll(objective.trainableParameters());
        this.arch = net.archParameters();
    }

    public Supernet supernet() {
        return net;
    }

    public Objective objective() {
        return objective;
    }

    public Normalization normalization() {
        return norm;
    }

    public NDManager manager() {
        return manager;
    }

    /** Runs (or continues, from the run's checkpoint) the search; returns the epochs run now. */
    public List<Epoch> run(RunDir run, Consumer<String> log, Consumer<Epoch> onEpoch) throws IOException {
        return run(run, log, onEpoch, cfg.epochs());
    }

    /**
     * Like {@link #run(RunDir, Consumer, Consumer)} but stops after epoch {@code until} (a
     * budget, or an interruption in tests); a later run continues from there.
     */
    public List<Epoch> run(RunDir run, Consumer<String> log, Consumer<Epoch> onEpoch, int until) throws IOException {
        List<Epoch> history = new ArrayList<>();
        try (Optimizer wOpt = new Optimizer("sgd", weights, cfg.momentum(), false, 0.999, 1e-8, cfg.weightDecay(), manager);
                Optimizer aOpt = new Optimizer("adam", arch, 0.5, false, 0.999, 1e-8, cfg.alphaWeightDecay(), manager)) {
            guard = new StepGuard("search", "lower --lr or --alpha-lr", log);
            int start = restore(run, wOpt, aOpt, log);
            Batcher wBatch = new Batcher(weightHalf, norm, Augment.NONE);
            Batcher aBatch = new Batcher(alphaHalf, norm, Augment.NONE);
            int steps = Math.max(1, Math.min(weightHalf.size(), alphaHalf.size()) / cfg.batch());
            for (int epoch = start; epoch < Math.min(until, cfg.epochs()); epoch++) {
                RunStatus.stage(run, "search epoch", epoch, cfg.epochs());
                Epoch e = epoch(epoch, steps, wOpt, aOpt, wBatch, aBatch);
                history.add(e);
                log.accept(String.format("search epoch %d/%d  w-loss %.4f  α-loss %.4f  lr %.4f  skips %d  margin min %.4f "
                        + "mean %.4f  %.1fs  %s", e.epoch(), cfg.epochs(), e.weightLoss(), e.alphaLoss(), e.lr(), e.skips(),
                        e.marginMin(), e.marginMean(), e.seconds(), e.arch()));
                onEpoch.accept(e);
                if (run != null) {
                    checkpoint(run, wOpt, aOpt, epoch + 1);
                }
            }
        }
        return history;
    }

    private Epoch epoch(int epoch, int steps, Optimizer wOpt, Optimizer aOpt, Batcher wBatch, Batcher aBatch) {
        double lr = Schedule.cosine(cfg.lr(), cfg.minLr(), epoch, cfg.epochs());
        net.setAuxSkipWeight(cfg.variants().auxSkip() ? 1.0 - (double) epoch / cfg.epochs() : 0);
        int[] wOrder = Splits.permutation(weightHalf.size(), Seeds.stream(cfg.seed(), epoch, -1));
        int[] aOrder = Splits.permutation(alphaHalf.size(), Seeds.stream(cfg.seed(), epoch, -2));
        double wSum = 0;
        double aSum = 0;
        int counted = 0;
        long t0 = System.nanoTime();
        try (Progress bar = Progress.start("search " + (epoch + 1) + "/" + cfg.epochs(), steps)) {
            for (int s = 0; s < steps; s++) {
                double[] l = step(epoch, s, lr, wOpt, aOpt, wBatch, aBatch, wOrder, aOrder);
                if (Double.isFinite(l[0]) && Double.isFinite(l[1])) { // skipped steps are left out of the means
                    aSum += l[0];
                    wSum += l[1];
                    counted++;
                }
                bar.step(1, String.format("w %.3f α %.3f", wSum / Math.max(1, counted), aSum / Math.max(1, counted)));
            }
        }
        guard.endEpoch("search epoch " + (epoch + 1));
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Epoch(epoch + 1, wSum / Math.max(1, counted), aSum / Math.max(1, counted), lr, net.derive(), net.derivedSkips(), secs,
                net.alphaSoftmax(), net.decisionMargins());
    }

    /**
     * One α step then one weight step; returns {α loss, weight loss}, NaN for a skipped step. Both go through the
     * loop's {@link StepGuard}: a step whose loss or gradient is not finite is skipped, not written into α or the
     * weights.
     */
    public double[] step(int epoch, int s, double lr, Optimizer wOpt, Optimizer aOpt, Batcher wBatch, Batcher aBatch,
            int[] wOrder, int[] aOrder) {
        int from = s * cfg.batch();
        String where = "epoch " + (epoch + 1) + " step " + (s + 1);
        float aLoss;
        float wLoss;
        try (NDManager step = manager.newSubManager()) {
            Ctx actx = new Ctx(step, true, Seeds.stream(cfg.seed(), epoch, s, 1), null);
            Batcher.Batch ab = aBatch.batch(step, aOrder, from, Math.min(aOrder.length, from + cfg.batch()), actx.random());
            if (cfg.skipWeightGradsInAlphaStep()) {
                setRequiresGrad(weights, false);
            }
            aLoss = guard.step(aOpt, step, 0, cfg.alphaLr(), where + " (α)", () -> objective.loss(actx, net, ab.x(), ab.y()));
            if (cfg.skipWeightGradsInAlphaStep()) {
                setRequiresGrad(weights, true);
            } else {
                wOpt.zeroGradients();
            }
            setRequiresGrad(arch, false);
            Ctx wctx = new Ctx(step, true, Seeds.stream(cfg.seed(), epoch, s, 2), null);
            Batcher.Batch wb = wBatch.batch(step, wOrder, from, Math.min(wOrder.length, from + cfg.batch()), wctx.random());
            wLoss = guard.step(wOpt, step, cfg.gradClip(), lr, where, () -> objective.loss(wctx, net, wb.x(), wb.y()));
            setRequiresGrad(arch, true);
        }
        return new double[] {aLoss, wLoss};
    }

    private static void setRequiresGrad(List<Param> ps, boolean on) {
        for (Param p : ps) {
            p.array().setRequiresGradient(on);
        }
    }

    /** Every tensor of the search, by name (checkpoint contents). */
    private Map<String, NDArray> modelTensors() {
        Map<String, NDArray> m = new LinkedHashMap<>();
        for (Param p : net.parameters()) {
            m.put("supernet." + p.name(), p.array());
        }
        for (Param p : objective.parameters()) {
            m.put("objective." + p.name(), p.array());
        }
        return m;
    }

    /** What a checkpoint records besides the tensors. */
    record State(int epochsDone, long wSteps, long aSteps) {
    }

    private Map<String, Map<String, NDArray>> checkpointed(Optimizer wOpt, Optimizer aOpt) {
        return Map.of("model", modelTensors(), "w_opt", wOpt.stateTensors(), "a_opt", aOpt.stateTensors());
    }

    private void checkpoint(RunDir run, Optimizer wOpt, Optimizer aOpt, int epochsDone) throws IOException {
        Checkpoints.save(run, checkpointed(wOpt, aOpt), new State(epochsDone, wOpt.steps(), aOpt.steps()));
    }

    private int restore(RunDir run, Optimizer wOpt, Optimizer aOpt, Consumer<String> log) throws IOException {
        var restored = Checkpoints.resume(run, manager, State.class, checkpointed(wOpt, aOpt), State::epochsDone);
        if (restored.isEmpty()) {
            return 0;
        }
        State st = restored.get();
        wOpt.setSteps(st.wSteps());
        aOpt.setSteps(st.aSteps());
        log.accept("resumed search after epoch " + st.epochsDone() + " of " + cfg.epochs());
        return st.epochsDone();
    }

    /**
     * Times {@code steps} search steps (one α update plus one weight update each) after {@code warmup} untimed ones;
     * returns the milliseconds of each timed step.
     */
    public double[] timeSteps(int warmup, int steps) {
        double[] ms = new double[steps];
        try (Optimizer wOpt = new Optimizer("sgd", weights, cfg.momentum(), false, 0.999, 1e-8, cfg.weightDecay(), manager);
                Optimizer aOpt = new Optimizer("adam", arch, 0.5, false, 0.999, 1e-8, cfg.alphaWeightDecay(), manager)) {
            Batcher wBatch = new Batcher(weightHalf, norm, Augment.NONE);
            Batcher aBatch = new Batcher(alphaHalf, norm, Augment.NONE);
            int[] wOrder = Splits.permutation(weightHalf.size(), Seeds.stream(cfg.seed(), 0, -1));
            int[] aOrder = Splits.permutation(alphaHalf.size(), Seeds.stream(cfg.seed(), 0, -2));
            int per = Math.max(1, Math.min(weightHalf.size(), alphaHalf.size()) / cfg.batch());
            for (int k = 0; k < warmup + steps; k++) {
                long t0 = System.nanoTime();
                step(0, k % per, cfg.lr(), wOpt, aOpt, wBatch, aBatch, wOrder, aOrder);
                if (k >= warmup) {
                    ms[k - warmup] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return ms;
    }

    /**
     * Multiply-accumulates of one forward pass of the search network and its objective on one image (every operation
     * of every edge it runs; convolutions, linear layers and pooling), counted in inference mode so that no state moves.
     */
    public long forwardMacs() {
        io.jnas.nn.CostMeter meter = new io.jnas.nn.CostMeter();
        try (io.jnas.nn.NoGrad ng = new io.jnas.nn.NoGrad(); NDManager m = manager.newSubManager()) {
            Batcher.Batch b = new Batcher(weightHalf, norm, Augment.NONE).batch(m, new int[] {0}, 0, 1, null);
            objective.loss(new Ctx(m, false, Seeds.stream(cfg.seed(), -9), meter), net, b.x(), b.y());
        }
        return meter.macs();
    }

    public ImageData weightHalf() {
        return weightHalf;
    }

    public ImageData alphaHalf() {
        return alphaHalf;
    }

    @Override
    public void close() {
        manager.close();
    }
}
