package io.jnas.train.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Splits;
import io.jnas.nn.Ctx;
import io.jnas.nn.Losses;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Scalar;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.Progress;
import io.jnas.run.Seeds;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Optimizer;
import io.jnas.train.Schedule;
import io.jnas.train.StepGuard;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One epoch of sampled-subnet training, shared by progressive shrinking and NAT's adaptation: each step draws
 * {@code subnets} subnets, sums their losses (each distilled from the teacher when there is one) and makes one
 * guarded, clipped SGD update with a cosine rate. Random streams: (seed, coords..., epoch, step).
 */
final class SubnetEpoch {
    /** Gradient-norm clip of every super-network update. */
    static final double CLIP = 5.0;
    private final OfaNetwork net;
    private final SupernetConfig cfg;
    private final ImageData train;
    private final Normalization norm;
    private final StepGuard guard;

    SubnetEpoch(OfaNetwork net, SupernetConfig cfg, ImageData train, Normalization norm, StepGuard guard) {
        this.net = net;
        this.cfg = cfg;
        this.train = train;
        this.norm = norm;
        this.guard = guard;
    }

    /**
     * Trains epoch {@code e} of {@code total} with a cosine rate from {@code lr0}.
     *
     * @param teacher the distillation teacher, or null
     * @return the mean loss per subnet over the epoch's finite steps (NaN when none was finite)
     */
    double run(String label, Optimizer opt, NDManager manager, OfaNetwork teacher, Function<SplittableRandom, OfaSubnet> sampler,
            int subnets, double lr0, int e, int total, long seed, long... coords) {
        int steps = (train.size() + cfg.batch() - 1) / cfg.batch();
        int[] order = Splits.permutation(train.size(), Seeds.stream(seed, with(coords, e, -1)));
        Batcher batcher = new Batcher(train, norm, Augment.standard(train.height()));
        double lossSum = 0;
        long seen = 0;
        try (Progress bar = Progress.start(label, steps)) {
            for (int s = 0; s < steps; s++) {
                double lr = Schedule.cosine(lr0, 0, e + (double) s / steps, total);
                SplittableRandom rng = Seeds.stream(seed, with(coords, e, s));
                try (NDManager step = manager.newSubManager()) {
                    Batcher.Batch b = batcher.batch(step, order, s * cfg.batch(), Math.min(order.length, (s + 1) * cfg.batch()),
                            rng);
                    NDArray soft = teacher == null ? null : teacherTarget(teacher, step, b.x(), rng);
                    // the summed loss is back-propagated (as the reference does); the mean per subnet is reported
                    float loss = guard.step(opt, step, CLIP, lr, label + " step " + (s + 1), () -> {
                        NDArray sum = null;
                        for (int i = 0; i < subnets; i++) {
                            NDArray l = subnetLoss(new Ctx(step, true, rng, null), sampler.apply(rng), b, soft);
                            sum = sum == null ? l : sum.add(l);
                        }
                        return sum;
                    }) / subnets;
                    if (Float.isFinite(loss)) {
                        lossSum += loss * b.size();
                        seen += b.size();
                    }
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
    private NDArray teacherTarget(OfaNetwork teacher, NDManager step, NDArray x, SplittableRandom rng) {
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
                NDArray t = Scalar.mul(exits.get(i), a);
                ens = ens == null ? t : ens.add(t);
                total += a;
            }
            return Scalar.div(ens, (float) total).softmax(1);
        }
    }

    /** The loss of one subnet: α-weighted mean over its exits of hard-label CE plus the distillation term. */
    NDArray subnetLoss(Ctx ctx, OfaSubnet sub, Batcher.Batch b, NDArray soft) {
        net.activate(sub);
        List<NDArray> outs = net.exitLogits(ctx, b.x());
        List<Integer> stages = net.exitStages();
        NDArray loss = null;
        double total = 0;
        for (int i = 0; i < outs.size(); i++) {
            double a = net.spec().exits() ? cfg.exitWeights().get(stages.get(i)) : 1.0;
            NDArray l = Losses.crossEntropy(outs.get(i), b.y(), cfg.labelSmoothing());
            if (soft != null && cfg.kdWeight() > 0) {
                l = l.add(Scalar.mul(Losses.softCrossEntropy(outs.get(i), soft), cfg.kdWeight()));
            }
            l = Scalar.mul(l, (float) a);
            loss = loss == null ? l : loss.add(l);
            total += a;
        }
        return Scalar.div(loss, (float) total);
    }
}
