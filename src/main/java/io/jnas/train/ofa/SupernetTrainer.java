package io.jnas.train.ofa;

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
import io.jnas.nn.Init;
import io.jnas.nn.Param;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.Progress;
import io.jnas.run.RunDir;
import io.jnas.run.Seeds;
import io.jnas.run.TensorFile;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Diverged;
import io.jnas.train.Evaluation;
import io.jnas.nn.Losses;
import io.jnas.nn.NoGrad;
import io.jnas.train.Optimizer;
import io.jnas.train.WeightHealth;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains an OFA / OFAv2 super-network by (extended) progressive shrinking (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888):
 * the full network first, then one phase per {@link ShrinkPhase}, each sampling
 * {@code subnets} subnets per step whose losses are summed before one update. After the full
 * phase a frozen copy of the super-network is the teacher: each subnet's loss is its hard-label
 * cross-entropy plus {@code kdWeight} × soft cross-entropy against the teacher's largest network
 * (with exits: the α-weighted ensemble of its exits, ENS-KD). Checkpoints after every epoch
 * (model, teacher, optimizer, phase and epoch); a killed run resumes after its last epoch.
 */
public final class SupernetTrainer {
    private final OfaNetwork net;
    private final NDManager manager;
    private final SupernetConfig cfg;
    private final ImageData train;
    private final ImageData val;
    private final RunDir run;
    private final Consumer<String> log;
    private final Normalization norm;
    private final List<ShrinkPhase> phases;
    private OfaNetwork teacher;

    public SupernetTrainer(OfaNetwork net, NDManager manager, SupernetConfig cfg, ImageData train, ImageData val, RunDir run,
            Consumer<String> log) {
        this.net = net;
        this.manager = manager;
        this.cfg = cfg;
        this.train = train;
        this.val = val;
        this.run = run;
        this.log = log;
        this.norm = Normalization.of(train);
        this.phases = ShrinkPhase.plan(net.spec());
    }

    public List<ShrinkPhase> phases() {
        return phases;
    }

    public Normalization normalization() {
        return norm;
    }

    /** Total epochs over all phases. */
    public int totalEpochs() {
        return cfg.fullEpochs() + (phases.size() - 1) * cfg.phaseEpochs();
    }

    private int epochs(int phase) {
        return phase == 0 ? cfg.fullEpochs() : cfg.phaseEpochs();
    }

    /** Runs (or finishes) the training; returns the per-epoch metrics. */
    public List<Map<String, Object>> fit() throws IOException {
        List<Map<String, Object>> history = new ArrayList<>();
        int[] pos = restore(history);
        int global = history.size();
        for (int p = pos[0]; p < phases.size(); p++) {
            ShrinkPhase phase = phases.get(p);
            int first = p == pos[0] ? pos[1] : 0;
            if (first == 0 && phase.sortFirst()) {
                net.sortChannels();
            }
            if (first == 0 && p == 1 && teacher == null) {
                teacher = copyOf(net);
            }
            try (Optimizer opt = optimizer()) {
                if (first > 0) {
                    restoreOptimizer(opt);
                }
                for (int e = first; e < epochs(p); e++) {
                    history.add(epoch(p, phase, e, opt, ++global));
                    checkpoint(opt, p, e + 1, history);
                }
            }
        }
        return history;
    }

    private Optimizer optimizer() {
        return new Optimizer("sgd", net.trainableParameters(), cfg.momentum(), true, 0.999, 1e-8, cfg.weightDecay(), manager);
    }

    private Map<String, Object> epoch(int p, ShrinkPhase phase, int e, Optimizer opt, int global) throws IOException {
        long t0 = System.nanoTime();
        int total = epochs(p);
        java.util.function.Function<SplittableRandom, OfaSubnet> sampler = phase.full()
                ? rng -> net.spec().largest(cfg.resolutions().get(rng.nextInt(cfg.resolutions().size())))
                : rng -> phase.sample(net.spec(), cfg.resolutions(), rng);
        double meanLoss = trainEpoch("phase " + (p + 1) + "/" + phases.size() + " " + phase.name() + " epoch " + (e + 1) + "/"
                + total, opt, sampler, phase.full() ? 1 : cfg.subnets(), cfg.lr(), e, total, cfg.seed(), p);
        double secs = (System.nanoTime() - t0) / 1e9;
        WeightHealth health = WeightHealth.of(net);
        int r = cfg.resolutions().get(cfg.resolutions().size() - 1);
        Evaluation big = SubnetEvaluation.of(net, net.spec().largest(r), manager, train, val, norm, cfg.recalibImages(),
                Math.max(cfg.batch(), 128), cfg.seed());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", global);
        row.put("phase", phase.name());
        row.put("phase_index", p + 1);
        row.put("phase_epoch", e + 1);
        row.put("train_loss", meanLoss);
        row.put("largest_val_top1", big.top1());
        row.put("seconds", secs);
        row.putAll(health.toMap());
        log.accept(String.format("phase %d/%d %-6s epoch %d/%d  loss %.4f  largest subnet val %.2f%%  max|w| %.3g (%s)  "
                + "running var %.3g..%.3g  %.1fs", p + 1, phases.size(), phase.name(), e + 1, total, meanLoss, big.top1(),
                health.maxWeight(), health.maxWeightAt(), health.minVar(), health.maxVar(), secs));
        if (run != null) {
            run.appendMetrics(row);
        }
        if (!health.finite() || Double.isNaN(big.loss())) {
            throw new Diverged(String.format("super-network training diverged in phase %s epoch %d: %s; the last good "
                    + "checkpoint is kept; lower --lr (now %s) and start again", phase.name(), e + 1,
                    health.finite() ? "the largest subnet's validation loss is not finite"
                            : "non-finite values in " + String.join(", ", health.nonFinite().subList(0,
                                    Math.min(5, health.nonFinite().size()))),
                    cfg.lr()));
        }
        return row;
    }

    /**
     * Freezes a copy of the super-network as it is now as the distillation teacher (NAT: the
     * trained super-network before any adaptation; resumed searches call this before restoring
     * adapted weights, so the teacher is the same as in an uninterrupted run).
     */
    public void freezeTeacher() {
        teacher = copyOf(net);
    }

    /**
     * NAT's super-network adaptation: {@code epochs} epochs in which each step trains
     * {@code subnets} subnets drawn from {@code sampler} (SGD, cosine from {@code lr}, weight decay
     * {@code wd}), distilled from the teacher (a frozen copy of the super-network as it was before
     * the first adaptation). Not checkpointed here: the caller saves the weights afterwards.
     */
    public void adapt(java.util.function.Function<SplittableRandom, OfaSubnet> sampler, int epochs, double lr, double wd,
            int subnets, long seed) {
        if (teacher == null) {
            teacher = copyOf(net);
        }
        try (Optimizer opt = new Optimizer("sgd", net.trainableParameters(), cfg.momentum(), true, 0.999, 1e-8, wd, manager)) {
            for (int e = 0; e < epochs; e++) {
                trainEpoch("adapt epoch " + (e + 1) + "/" + epochs, opt, sampler, subnets, lr, e, epochs, seed);
            }
        }
    }

    /**
     * One epoch shared by shrinking and adaptation: each step draws {@code subnets} subnets from
     * {@code sampler}, sums their losses (distilled from the teacher when there is one), and
     * makes one clipped SGD update with a cosine rate from {@code lr0} over {@code total} epochs.
     * A step whose loss or gradient is not finite is skipped (one bad batch must not end a long
     * run); more than 10 in one epoch end it. Random streams: (seed, coords..., e, step).
     *
     * @return the mean loss per subnet over the epoch's images
     */
    private double trainEpoch(String label, Optimizer opt, java.util.function.Function<SplittableRandom, OfaSubnet> sampler,
            int subnets, double lr0, int e, int total, long seed, long... coords) {
        int steps = (train.size() + cfg.batch() - 1) / cfg.batch();
        int[] order = Splits.permutation(train.size(), Seeds.stream(seed, with(coords, e, -1)));
        Batcher batcher = new Batcher(train, norm, Augment.standard(train.height()));
        double lossSum = 0;
        long seen = 0;
        int bad = 0;
        try (Progress bar = Progress.start(label, steps)) {
            for (int s = 0; s < steps; s++) {
                double lr = 0.5 * lr0 * (1 + Math.cos(Math.PI * (e + (double) s / steps) / total));
                SplittableRandom rng = Seeds.stream(seed, with(coords, e, s));
                try (NDManager step = manager.newSubManager()) {
                    Batcher.Batch b = batcher.batch(step, order, s * cfg.batch(), Math.min(order.length, (s + 1) * cfg.batch()),
                            rng);
                    NDArray soft = teacher == null ? null : teacherTarget(step, b.x(), rng);
                    float loss;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray sum = null;
                        for (int i = 0; i < subnets; i++) {
                            NDArray l = subnetLoss(new Ctx(step, true, rng, null), sampler.apply(rng), b, soft);
                            sum = sum == null ? l : sum.add(l);
                        }
                        gc.backward(sum);
                        loss = sum.getFloat() / subnets;
                    }
                    String skipped = opt.stepIfFinite(step, loss, 5.0, lr);
                    if (skipped != null) {
                        log.accept(label + ": skipped step " + (s + 1) + " (" + skipped + ")");
                        if (++bad > Optimizer.MAX_SKIPPED_STEPS) {
                            throw new Diverged(label + ": loss or gradient not finite in more than "
                                    + Optimizer.MAX_SKIPPED_STEPS + " steps; lower the learning rate");
                        }
                        continue;
                    }
                    lossSum += loss * b.size();
                    seen += b.size();
                }
                bar.step(1, String.format("loss %.3f", lossSum / Math.max(1, seen)));
            }
        }
        return seen == 0 ? Double.NaN : lossSum / seen;
    }

    private static long[] with(long[] coords, long a, long b) {
        long[] out = java.util.Arrays.copyOf(coords, coords.length + 2);
        out[coords.length] = a;
        out[coords.length + 1] = b;
        return out;
    }

    /** Teacher probabilities: softmax of the largest network's logits (with exits, their α-weighted ensemble). */
    private NDArray teacherTarget(NDManager step, NDArray x, SplittableRandom rng) {
        try (NoGrad ng = new NoGrad()) {
            Ctx ctx = new Ctx(step, false, rng, null);
            if (!teacher.spec().exits()) {
                return teacher.forward(ctx, x).softmax(1);
            }
            List<NDArray> exits = teacher.exitLogits(ctx, x);
            List<Integer> stages = teacher.exitStages();
            NDArray ens = null;
            double total = 0;
            for (int i = 0; i < exits.size(); i++) {
                float a = cfg.exitWeights().get(stages.get(i)).floatValue();
                NDArray t = exits.get(i).mul(a);
                ens = ens == null ? t : ens.add(t);
                total += a;
            }
            return ens.div((float) total).softmax(1);
        }
    }

    private NDArray subnetLoss(Ctx ctx, OfaSubnet sub, Batcher.Batch b, NDArray soft) {
        net.activate(sub);
        List<NDArray> outs = net.exitLogits(ctx, b.x());
        List<Integer> stages = net.exitStages();
        NDArray loss = null;
        double total = 0;
        for (int i = 0; i < outs.size(); i++) {
            double a = net.spec().exits() ? cfg.exitWeights().get(stages.get(i)) : 1.0;
            NDArray l = Losses.crossEntropy(outs.get(i), b.y(), cfg.labelSmoothing());
            if (soft != null && cfg.kdWeight() > 0) {
                l = l.add(Losses.softCrossEntropy(outs.get(i), soft).mul((float) cfg.kdWeight()));
            }
            l = l.mul((float) a);
            loss = loss == null ? l : loss.add(l);
            total += a;
        }
        return loss.div((float) total);
    }

    /** A frozen copy of the super-network (the distillation teacher). */
    private OfaNetwork copyOf(OfaNetwork src) {
        OfaNetwork t = newTeacher();
        Map<String, NDArray> from = src.namedArrays();
        try (NoGrad ng = new NoGrad()) {
            TensorFile.copyInto(from, t.namedArrays(), "teacher");
        }
        for (Param p : t.parameters()) {
            p.array().setRequiresGradient(false);
        }
        // full-width running statistics were also updated by smaller subnets: recalibrate the teacher's own
        SubnetEvaluation.recalibrate(t, manager, train, norm, cfg.recalibImages(), Math.max(cfg.batch(), 128), cfg.seed());
        return t;
    }

    /** The teacher runs the largest network at the largest training resolution, in inference mode. */
    private OfaNetwork newTeacher() {
        return OfaNetwork.supernet(new Init(manager, 0), net.spec(), cfg.resolutions().get(cfg.resolutions().size() - 1));
    }

    private void checkpoint(Optimizer opt, int phase, int epochsDone, List<Map<String, Object>> history) throws IOException {
        if (run == null) {
            return;
        }
        Map<String, Map<String, NDArray>> groups = new LinkedHashMap<>();
        groups.put("model", net.namedArrays());
        groups.put("optimizer", opt.stateTensors());
        if (teacher != null) {
            groups.put("teacher", teacher.namedArrays());
        }
        Map<String, Object> state = new LinkedHashMap<>();
        int p = phase;
        int e = epochsDone;
        if (e >= epochs(p)) {
            p++;
            e = 0;
        }
        state.put("phase", p);
        state.put("phase_epochs_done", e);
        state.put("optimizer_steps", opt.steps());
        state.put("history", history);
        run.saveCheckpoint(groups, state);
    }

    private Map<String, NDArray> pendingOptimizer;
    private long pendingSteps;

    private void restoreOptimizer(Optimizer opt) {
        if (pendingOptimizer != null) {
            try (NoGrad ng = new NoGrad()) {
                TensorFile.copyInto(pendingOptimizer, opt.stateTensors(), "optimizer");
            }
            opt.setSteps(pendingSteps);
            pendingOptimizer = null;
        }
    }

    @SuppressWarnings("unchecked")
    private int[] restore(List<Map<String, Object>> history) throws IOException {
        if (run == null) {
            return new int[] {0, 0};
        }
        var ck = run.loadCheckpoint(manager);
        if (ck.isEmpty()) {
            return new int[] {0, 0};
        }
        Map<String, Map<String, NDArray>> t = ck.get().tensors();
        try (NoGrad ng = new NoGrad()) {
            TensorFile.copyInto(t.get("model"), net.namedArrays(), "model");
        }
        if (t.containsKey("teacher")) {
            teacher = newTeacher();
            try (NoGrad ng = new NoGrad()) {
                TensorFile.copyInto(t.get("teacher"), teacher.namedArrays(), "teacher");
            }
        }
        Map<String, Object> state = ck.get().state();
        int p = ((Number) state.get("phase")).intValue();
        int e = ((Number) state.get("phase_epochs_done")).intValue();
        if (e > 0) {
            pendingOptimizer = t.getOrDefault("optimizer", Map.of());
            pendingSteps = ((Number) state.get("optimizer_steps")).longValue();
        }
        for (Object o : (List<Object>) state.get("history")) {
            history.add((Map<String, Object>) o);
        }
        int done = history.size();
        run.retainMetrics(r -> r.get("epoch") instanceof Number n && n.intValue() <= done);
        log.accept("resumed after " + done + " of " + totalEpochs() + " epochs (phase " + Math.min(p + 1, phases.size())
                + ") from " + run.dir().resolve("checkpoint"));
        return new int[] {p, e};
    }
}
