package io.jnas.train.ofa;

import io.jnas.run.RunStatus;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.RunDir;
import io.jnas.run.TensorFile;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Checkpoints;
import io.jnas.train.Diverged;
import io.jnas.train.Evaluation;
import io.jnas.train.Optimizer;
import io.jnas.train.StepGuard;
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
    private final StepGuard guard;
    private final SubnetEpoch steps;
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
        this.guard = new StepGuard("super-network training", "lower --lr", log);
        this.steps = new SubnetEpoch(net, cfg, train, norm, guard);
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
                    RunStatus.stage(run, "epoch", global, totalEpochs());
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
        String label = "phase " + (p + 1) + "/" + phases.size() + " " + phase.name() + " epoch " + (e + 1) + "/" + total;
        double meanLoss = steps.run(label, opt, manager, teacher, sampler, phase.full() ? 1 : cfg.subnets(), cfg.lr(), e,
                total, cfg.seed(), p);
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
        guard.endEpoch(label);
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
                String label = "adapt epoch " + (e + 1) + "/" + epochs;
                steps.run(label, opt, manager, teacher, sampler, subnets, lr, e, epochs, seed);
                guard.endEpoch(label);
            }
        }
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

    /** What a checkpoint records besides the tensors: where training stands and the epoch rows so far. */
    record State(int phase, int phaseEpochsDone, long optimizerSteps, List<Map<String, Object>> history) {
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
        boolean phaseDone = epochsDone >= epochs(phase);
        Checkpoints.save(run, groups, new State(phaseDone ? phase + 1 : phase, phaseDone ? 0 : epochsDone, opt.steps(),
                List.copyOf(history)));
    }

    private Checkpoints.Restored<State> pending;

    /** The optimizer state of an unfinished phase is restored when that phase's optimizer exists. */
    private void restoreOptimizer(Optimizer opt) {
        if (pending != null) {
            pending.copy("optimizer", opt.stateTensors());
            opt.setSteps(pending.state().optimizerSteps());
            pending = null;
        }
    }

    private int[] restore(List<Map<String, Object>> history) throws IOException {
        if (run == null) {
            return new int[] {0, 0};
        }
        var ck = Checkpoints.load(run, manager, State.class);
        if (ck.isEmpty()) {
            return new int[] {0, 0};
        }
        ck.get().copy("model", net.namedArrays());
        if (ck.get().has("teacher")) {
            teacher = newTeacher();
            ck.get().copy("teacher", teacher.namedArrays());
        }
        State st = ck.get().state();
        if (st.phaseEpochsDone() > 0) {
            pending = ck.get();
        }
        history.addAll(st.history());
        int done = history.size();
        run.retainMetrics(r -> r.get("epoch") instanceof Number n && n.intValue() <= done);
        log.accept("resumed after " + done + " of " + totalEpochs() + " epochs (phase " + Math.min(st.phase() + 1, phases.size())
                + ") from " + run.dir().resolve("checkpoint"));
        return new int[] {st.phase(), st.phaseEpochsDone()};
    }
}
