package io.jnas.train.ofa;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.kernel.Trace;
import io.jnas.nn.CostMeter;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.Seeds;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Optimizer;
import io.jnas.train.StepGuard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Times super-network training steps of OFA or OFAv2 the way {@link SupernetTrainer} makes them (one subnet per
 * step: activate, forward through its exits, label-smoothed cross-entropy, backward, clipped Nesterov SGD), on seeded
 * random images of one resolution, after untimed warm-up steps. Only the step is timed: the batch is ready before
 * the clock starts, as a data loader in other processes would have it. Mode {@code largest} trains the largest subnet
 * every step; {@code random} draws every step from the last shrinking phase (every kernel, expansion, depth, branch
 * and exit choice). Operations per step: 3 forward passes' worth (forward, backward with weight gradients), a forward
 * pass being 2 × the subnet's MACs per image × batch.
 *
 * @param medianMs median milliseconds per step
 * @param minMs fastest step
 * @param maxMs slowest step
 * @param updateMs median milliseconds of a step's guarded optimizer update (gradient norm, clip, SGD, zeroing)
 * @param meanMacs mean MACs per image of the subnets of the timed steps
 * @param trace the profile of further steps, or null
 * @param profiled steps profiled
 */
public record SupernetBenchmark(double medianMs, double minMs, double maxMs, double updateMs, double meanMacs, Trace trace, int profiled) {

    /** The modes: training steps of the largest or of random subnets, or NAT's evaluation of random subnets. */
    public static final List<String> MODES = List.of("largest", "random", "evaluate");

    /**
     * What to time.
     *
     * @param space ofa or ofav2
     * @param width width multiplier
     * @param resolution input resolution (32..512)
     * @param batch images per step
     * @param mode largest or random
     * @param warmup untimed steps
     * @param steps timed steps
     * @param seed seed of the weights, images and subnets
     */
    public record Setting(String space, double width, int resolution, int batch, String mode, int warmup, int steps, long seed) {
        public Setting {
            if (!MODES.contains(mode)) {
                throw new IllegalArgumentException("--mode must be largest, random or evaluate, got '" + mode + "'");
            }
            if (steps < 1 || warmup < 0 || batch < 2) {
                throw new IllegalArgumentException("--steps must be >= 1, --warmup >= 0 and --batch >= 2");
            }
            SupernetSpec.shape(space, 3, 10, width); // validates the space
        }
    }

    /** Runs the benchmark; {@code profile} (or null) receives a libtorch trace of up to 3 further steps. */
    public static SupernetBenchmark run(Setting s, Path profile) throws IOException {
        OfaNetwork.Spec spec = SupernetSpec.shape(s.space(), 3, 10, s.width());
        SupernetConfig cfg = SupernetConfig.preset(false, null, null, s.batch(), null, 1, 0, List.of(1.0, 1.0, 1.0, 1.0, 1.0),
                List.of(s.resolution()), s.seed());
        int profiled = profile == null ? 0 : Math.min(3, s.steps());
        ImageData data = ImageData.noise(s.batch() * 4, s.resolution(), s.seed());
        Normalization norm = Normalization.of(data);
        Function<SplittableRandom, OfaSubnet> sampler = sampler(s, spec, cfg);
        try (NDManager manager = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(manager, s.seed()), spec, s.resolution());
            StepGuard guard = new StepGuard("bench", "lower --lr", m -> { });
            SubnetEpoch epoch = new SubnetEpoch(net, cfg, data, norm, guard);
            Batcher batcher = new Batcher(data, norm, Augment.NONE);
            int[] order = new int[data.size()];
            Arrays.setAll(order, i -> i);
            double[] ms = new double[s.steps()];
            double[] macs = {0};
            double[] updateMs = new double[s.steps()];
            Trace trace;
            try (Optimizer opt = new Optimizer("sgd", net.trainableParameters(), cfg.momentum(), true, 0.999, 1e-8,
                    cfg.weightDecay(), manager)) {
                Step step = k -> {
                    SplittableRandom rng = Seeds.stream(s.seed(), k);
                    OfaSubnet sub = sampler.apply(rng);
                    try (NDManager m = manager.newSubManager()) {
                        int from = (k % 4) * s.batch();
                        Batcher.Batch b = batcher.batch(m, order, from, from + s.batch(), null);
                        long t0 = System.nanoTime();
                        float loss;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray l = epoch.subnetLoss(new Ctx(m, true, rng, null), sub, b, null);
                            gc.backward(l);
                            loss = l.getFloat();
                        }
                        long t1 = System.nanoTime();
                        guard.update(opt, m, loss, SubnetEpoch.CLIP, cfg.lr(), "step " + k);
                        double took = (System.nanoTime() - t0) / 1e6;
                        if (k >= s.warmup() && k < s.warmup() + s.steps()) {
                            ms[k - s.warmup()] = took;
                            updateMs[k - s.warmup()] = (System.nanoTime() - t1) / 1e6;
                            macs[0] += macs(net, m, sub, b);
                        }
                    }
                };
                for (int k = 0; k < s.warmup() + s.steps(); k++) {
                    step.run(k);
                }
                int first = s.warmup() + s.steps();
                trace = profile == null ? null : Trace.profile(() -> {
                    for (int k = first; k < first + profiled; k++) {
                        step.run(k);
                    }
                }, profile, 8);
            }
            return new SupernetBenchmark(median(ms), Arrays.stream(ms).min().orElseThrow(), Arrays.stream(ms).max().orElseThrow(),
                    median(updateMs), macs[0] / s.steps(), trace, profiled);
        }
    }

    /**
     * NAT's evaluation of {@code s.steps()} random subnets (after {@code s.warmup()} untimed ones), as
     * {@link SubnetEvaluation#of} makes it: extract the subnet, recalibrate its batch norm on {@code recalib} training
     * images, evaluate {@code val} images, at {@code s.batch()} images per call; timed piece by piece. The validation
     * runs in ONNX Runtime as NAT's does ({@code runtime} ort), or in libtorch (jnas, as before ONNX Runtime took it).
     */
    public static Map<String, Object> evaluate(Setting s, int recalib, int val, String runtime) {
        if (!List.of("ort", "jnas").contains(runtime)) {
            throw new IllegalArgumentException("--runtime must be ort or jnas, got '" + runtime + "'");
        }
        OfaNetwork.Spec spec = SupernetSpec.shape(s.space(), 3, 10, s.width());
        SupernetConfig cfg = SupernetConfig.preset(false, null, null, s.batch(), null, 1, 0, List.of(1.0, 1.0, 1.0, 1.0, 1.0),
                List.of(s.resolution()), s.seed());
        ImageData train = ImageData.noise(recalib, s.resolution(), s.seed());
        ImageData valData = ImageData.noise(val, s.resolution(), s.seed() + 1);
        Normalization norm = Normalization.of(train);
        Function<SplittableRandom, OfaSubnet> sampler = sampler(new Setting(s.space(), s.width(), s.resolution(), s.batch(),
                "random", s.warmup(), s.steps(), s.seed()), spec, cfg);
        double[][] ms = new double[3][s.steps()];
        double macs = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(manager, s.seed()), spec, s.resolution());
            for (int k = 0; k < s.warmup() + s.steps(); k++) {
                OfaSubnet sub = sampler.apply(Seeds.stream(s.seed(), k));
                try (NDManager m = manager.newSubManager()) {
                    long t0 = System.nanoTime();
                    OfaNetwork small = net.extract(new Init(m, 0), sub);
                    long t1 = System.nanoTime();
                    SubnetEvaluation.recalibrate(small, m, train, norm, recalib, s.batch(), s.seed());
                    long t2 = System.nanoTime();
                    if (runtime.equals("ort")) {
                        io.jnas.train.OrtEvaluation.of(small, m, valData, norm, s.batch());
                    } else {
                        io.jnas.train.Evaluation.of(small, m, valData, norm, s.batch());
                    }
                    long t3 = System.nanoTime();
                    if (k >= s.warmup()) {
                        int i = k - s.warmup();
                        ms[0][i] = (t1 - t0) / 1e6;
                        ms[1][i] = (t2 - t1) / 1e6;
                        ms[2][i] = (t3 - t2) / 1e6;
                        macs += io.jnas.nn.Cost.of(small, m, 3, s.resolution(), s.resolution()).macs();
                    }
                }
            }
        }
        return evaluationSummary(s, recalib, val, runtime, ms, macs / s.steps());
    }

    /** The figures of the evaluate mode from the per-subnet milliseconds of extraction, recalibration and validation. */
    private static Map<String, Object> evaluationSummary(Setting s, int recalib, int val, String runtime, double[][] ms,
            double meanMacs) {
        double[] total = new double[s.steps()];
        for (int i = 0; i < total.length; i++) {
            total[i] = ms[0][i] + ms[1][i] + ms[2][i];
        }
        double med = median(total);
        double flops = 2.0 * meanMacs * (recalib + val);
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("subnets_per_minute", Math.round(60_000 / med * 100) / 100.0);
        res.put("ms_per_subnet", Math.round(med * 10) / 10.0);
        res.put("extract_ms", Math.round(median(ms[0]) * 10) / 10.0);
        res.put("recalibrate_ms", Math.round(median(ms[1]) * 10) / 10.0);
        res.put("validate_ms", Math.round(median(ms[2]) * 10) / 10.0);
        res.put("recalib_images", recalib);
        res.put("val_images", val);
        res.put("subnets", s.steps());
        res.put("space", s.space());
        res.put("mode", "evaluate");
        res.put("runtime", runtime);
        res.put("resolution", s.resolution());
        res.put("batch", s.batch());
        res.put("macs_per_image", Math.round(meanMacs));
        res.put("gflops", Math.round(flops / med / 1e5) / 10.0);
        res.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        return res;
    }

    /** Largest: the largest subnet every step; random: a draw from the last shrinking phase (every choice open). */
    private static Function<SplittableRandom, OfaSubnet> sampler(Setting s, OfaNetwork.Spec spec, SupernetConfig cfg) {
        List<ShrinkPhase> plan = ShrinkPhase.plan(spec);
        ShrinkPhase last = plan.get(plan.size() - 1);
        return s.mode().equals("largest") ? r -> spec.largest(s.resolution()) : r -> last.sample(spec, cfg.resolutions(), r);
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }

    private interface Step {
        void run(int k);
    }

    /** MACs per image of {@code sub} through every exit it trains (one image, inference mode, untimed). */
    private static long macs(OfaNetwork net, NDManager m, OfaSubnet sub, Batcher.Batch b) {
        CostMeter meter = new CostMeter();
        try (NoGrad ng = new NoGrad()) {
            net.activate(sub).exitLogits(new Ctx(m, false, new SplittableRandom(0), meter), b.x().get("0:1"));
        }
        return meter.macs();
    }


    /** The figures of {@code jnas bench supernet --space ofa|ofav2}. */
    public Map<String, Object> summary(Setting s) {
        double flops = 3 * 2.0 * meanMacs * s.batch();
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("images_per_s", Math.round(s.batch() * 1000.0 / medianMs * 10) / 10.0);
        res.put("ms_per_step", Math.round(medianMs * 1000) / 1000.0);
        res.put("update_ms", Math.round(updateMs * 1000) / 1000.0);
        res.put("min_ms", Math.round(minMs * 1000) / 1000.0);
        res.put("max_ms", Math.round(maxMs * 1000) / 1000.0);
        res.put("steps", s.steps());
        res.put("space", s.space());
        res.put("mode", s.mode());
        res.put("resolution", s.resolution());
        res.put("batch", s.batch());
        res.put("width", s.width());
        res.put("macs_per_image", Math.round(meanMacs));
        res.put("gflop_per_step", Math.round(flops / 1e6) / 1e3);
        res.put("gflops", Math.round(flops / medianMs / 1e5) / 10.0);
        res.put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        if (trace != null) {
            res.put("profile", trace.perStep(profiled, medianMs));
        }
        return res;
    }
}
