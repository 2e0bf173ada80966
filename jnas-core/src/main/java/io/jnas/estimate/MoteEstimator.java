package io.jnas.estimate;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Splits;
import io.jnas.nn.Cost;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Losses;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.run.Seeds;
import io.jnas.train.Evaluation;
import io.jnas.train.Optimizer;
import io.jnas.train.StepGuard;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The MOTE estimate of one architecture (MOTE-NAS, NeurIPS 2024, openreview.net/forum?id=jKLyKeZfzv): train its reduced architecture on
 * the reduced dataset for E epochs (Adam, label smoothing), recording the mean loss of each
 * epoch and the training cost T; then, for g = 0..G, the mean loss of one epoch started at
 * θ_g = (1 − g/G)·θ_init + (g/G)·θ_E. Landscape L = Σ_g 1/loss_g, speed S = T / mean(l_1..l_E),
 * raw MOTE = L + S; calibrated MOTE = λ_L²σ_L·BoxCox(L) + λ_S²σ_S·BoxCox(S) when constants are set.
 * The same training yields the {@code tse} (−Σ l_e) and short-training accuracy baselines.
 *
 * @param <A> architecture type
 */
public final class MoteEstimator<A> implements Estimator<A> {
    private final MoteConfig cfg;
    private final ImageData rd;
    private final ImageData rdTest;
    private final Normalization norm;
    private final BiFunction<Init, A, Network> ra;
    private final Function<A, String> text;
    private BoxCox landscapeFit;
    private BoxCox speedFit;

    /**
     * @param rd the reduced training set, already at the RA's input size
     * @param rdTest held-out images of the same labels (short-training accuracy), may be null
     * @param ra builds the reduced architecture of an architecture
     * @param text canonical text of an architecture (seeds its initial weights stably)
     */
    public MoteEstimator(MoteConfig cfg, ImageData rd, ImageData rdTest, BiFunction<Init, A, Network> ra,
            Function<A, String> text) {
        this.cfg = cfg;
        this.rd = rd;
        this.rdTest = rdTest;
        this.norm = Normalization.of(rd);
        this.ra = ra;
        this.text = text;
    }

    /** Sets the Box-Cox calibration; null for the raw combination. */
    public MoteEstimator<A> calibrated(BoxCox landscape, BoxCox speed) {
        this.landscapeFit = landscape;
        this.speedFit = speed;
        return this;
    }

    @Override
    public String name() {
        return "mote";
    }

    @Override
    public boolean parallelSafe() {
        // every estimate already uses all libtorch threads, and wall-clock T must not be disturbed
        return false;
    }

    @Override
    public Score estimate(A arch) {
        long t0 = System.nanoTime();
        String key = text.apply(arch);
        for (int attempt = 0; attempt < 3; attempt++) {
            Score s = attempt(arch, Seeds.mix(cfg.seed(), key.hashCode(), attempt), t0);
            if (s != null) {
                return s;
            }
        }
        throw new IllegalStateException("MOTE training of " + key + " diverged (NaN loss) three times");
    }

    private Score attempt(A arch, long seed, long t0) {
        try (NDManager m = NDManager.newBaseManager()) {
            Network net = ra.apply(new Init(m, seed), arch);
            List<Param> params = net.parameters();
            List<Param> trainable = net.trainableParameters();
            List<float[]> init = snapshot(params);
            double[] losses = new double[cfg.epochs()];
            long tt = System.nanoTime();
            try (Optimizer opt = adam(trainable, m)) {
                for (int e = 0; e < cfg.epochs(); e++) {
                    losses[e] = epoch(net, m, opt, seed, e, true);
                    if (!Double.isFinite(losses[e])) {
                        return null;
                    }
                }
            }
            double trainSeconds = (System.nanoTime() - tt) / 1e9;
            List<float[]> fin = snapshot(params);
            double acc = rdTest == null ? Double.NaN
                    : Evaluation.of(net, m, rdTest, norm, cfg.batch()).top1();
            double landscape = landscape(net, m, params, trainable, init, fin, seed);
            if (Double.isNaN(landscape)) {
                return null;
            }
            double mean = 0;
            for (double l : losses) {
                mean += l;
            }
            mean /= losses.length;
            double cost;
            if (cfg.speed().equals("time")) {
                cost = trainSeconds;
            } else {
                long macs = Cost.of(net, m, rd.channels(), rd.height(), rd.width()).macs();
                cost = 3.0 * macs * rd.size() * cfg.epochs() / 1e9;
            }
            double speed = cost / mean;
            double tse = 0;
            for (double l : losses) {
                tse -= l;
            }
            Map<String, Double> terms = new LinkedHashMap<>();
            terms.put("mote_landscape", landscape);
            terms.put("mote_speed", speed);
            terms.put("mote_raw", landscape + speed);
            terms.put("tse", tse);
            terms.put("short_acc", acc);
            terms.put("train_seconds", trainSeconds);
            double value = landscape + speed;
            if (landscapeFit != null && speedFit != null) {
                value = combine(landscape, speed, landscapeFit, speedFit);
            }
            return new Score(value, terms, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** L = Σ_g 1/loss_g over θ_g = (1 − g/G)·θ_init + (g/G)·θ_E, g = 0..G; NaN when a loss is not finite and positive. */
    private double landscape(Network net, NDManager m, List<Param> params, List<Param> trainable, List<float[]> init,
            List<float[]> fin, long seed) {
        double landscape = 0;
        for (int g = 0; g <= cfg.interpolation(); g++) {
            interpolate(params, init, fin, (double) g / cfg.interpolation());
            double lg;
            if (cfg.landscape().equals("train")) {
                try (Optimizer opt = adam(trainable, m)) {
                    lg = epoch(net, m, opt, seed, 1000 + g, true);
                }
            } else {
                lg = epoch(net, m, null, seed, 1000 + g, false);
            }
            if (!Double.isFinite(lg) || lg <= 0) {
                return Double.NaN;
            }
            landscape += 1.0 / lg;
        }
        return landscape;
    }

    /** λ_L²σ_L·BoxCox(L; λ_L) + λ_S²σ_S·BoxCox(S; λ_S). */
    public static double combine(double landscape, double speed, BoxCox l, BoxCox s) {
        return l.lambda() * l.lambda() * l.sigma() * l.apply(landscape)
                + s.lambda() * s.lambda() * s.sigma() * s.apply(speed);
    }

    private Optimizer adam(List<Param> trainable, NDManager m) {
        return new Optimizer("adam", trainable, 0.9, false, 0.999, 1e-8, 0, m);
    }

    /** One epoch over the RD; with an optimizer, trains; returns the mean loss. */
    private double epoch(Network net, NDManager m, Optimizer opt, long seed, int epoch, boolean train) {
        StepGuard guard = new StepGuard("MOTE training", "", line -> { });
        Batcher b = new Batcher(rd, norm, Augment.NONE);
        int[] order = Splits.permutation(rd.size(), Seeds.stream(seed, epoch));
        double sum = 0;
        int seen = 0;
        for (int from = 0; from < order.length; from += cfg.batch()) {
            int to = Math.min(order.length, from + cfg.batch());
            try (NDManager step = m.newSubManager()) {
                Batcher.Batch batch = b.batch(step, order, from, to, null);
                Ctx ctx = new Ctx(step, true, Seeds.stream(seed, epoch, from), null);
                float loss;
                if (opt != null) {
                    // a skipped step (non-finite loss or gradient) makes the epoch's loss NaN: the estimate retries
                    loss = guard.step(opt, step, 0, cfg.lr(), "epoch " + epoch, () -> Losses.crossEntropy(
                            net.forward(ctx, batch.x()), batch.y(), cfg.smoothing()));
                } else {
                    try (NoGrad ng = new NoGrad()) {
                        loss = Losses.crossEntropy(net.forward(ctx, batch.x()), batch.y(), cfg.smoothing()).getFloat();
                    }
                }
                sum += loss * batch.size();
                seen += batch.size();
            }
        }
        return sum / seen;
    }

    private static List<float[]> snapshot(List<Param> params) {
        List<float[]> out = new ArrayList<>();
        for (Param p : params) {
            out.add(p.array().toFloatArray());
        }
        return out;
    }

    private static void interpolate(List<Param> params, List<float[]> a, List<float[]> b, double t) {
        try (NoGrad ng = new NoGrad()) {
            for (int i = 0; i < params.size(); i++) {
                float[] x = a.get(i);
                float[] y = b.get(i);
                float[] z = new float[x.length];
                for (int k = 0; k < z.length; k++) {
                    z[k] = (float) ((1 - t) * x[k] + t * y[k]);
                }
                params.get(i).array().set(z);
            }
        }
    }
}
