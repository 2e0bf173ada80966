package io.jnas.experiment;

import io.jnas.kernel.Peak;
import io.jnas.kernel.Trace;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.search.darts.SearchConfig;
import io.jnas.search.darts.StepBenchmark;
import io.jnas.train.ofa.SupernetBenchmark;
import io.jnas.train.ofa.SupernetSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code jnas bench supernet}: the speed of one kind of super-network step on seeded random images, with the arithmetic
 * rate against this machine's measured peak. DARTS and NAS-Bench-201: a first-order search step (α update + weight
 * update) of a supervised or MAE super-network; OFA and OFAv2: one sampled subnet's training step, or NAT's evaluation
 * of random subnets timed piece by piece.
 */
public final class SupernetStepBench {
    private SupernetStepBench() {
    }

    /**
     * What is timed.
     *
     * @param space darts, nb201, ofa or ofav2
     * @param channels darts/nb201: C
     * @param layers darts: cells; nb201: cells per stage
     * @param resolution ofa/ofav2: input resolution
     * @param mode ofa/ofav2: largest, random or evaluate
     * @param recalibImages evaluate: batch-norm recalibration images
     * @param valImages evaluate: validation images
     * @param runtime evaluate: ort or jnas
     * @param width ofa/ofav2: width multiplier
     * @param batch images per step
     * @param steps timed steps
     * @param warmup untimed steps first
     * @param objective darts/nb201: supervised or mae
     * @param allGrads darts/nb201: also weight gradients in the α step (as the original DARTS code does)
     * @param seed seed of the weights and images
     * @param profile where libtorch's trace of up to 3 more steps goes, or null
     */
    public record Options(String space, int channels, int layers, int resolution, String mode, int recalibImages, int valImages,
            String runtime, double width, int batch, int steps, int warmup, String objective, boolean allGrads, long seed,
            Path profile) {
    }

    /** Runs the benchmark; the summary carries the machine's peak GFLOP/s and the fraction of it reached. */
    public static Map<String, Object> run(Options o) throws Exception {
        Map<String, Object> res;
        if (o.profile() != null && o.mode().equals("evaluate")) {
            throw new IllegalArgumentException("--profile profiles training steps; --mode evaluate reports its pieces' times "
                    + "without it: drop --profile or use --mode largest|random");
        }
        if (SupernetSpec.SPACES.contains(o.space())) {
            var s = new SupernetBenchmark.Setting(o.space(), o.width(), o.resolution(), o.batch(), o.mode(), o.warmup(), o.steps(),
                    o.seed());
            res = o.mode().equals("evaluate") ? SupernetBenchmark.evaluate(s, o.recalibImages(), o.valImages(), o.runtime())
                    : SupernetBenchmark.run(s, o.profile()).summary(s);
        } else {
            SearchConfig cfg = new SearchConfig(o.space(), o.objective(), MaeObjective.Config.DEFAULT, o.channels(), o.layers(), 10,
                    o.batch(), 0.025, 0.001, 0.9, 3e-4, 5, 3e-4, 1e-3, SearchOptions.PLAIN, !o.allGrads(), o.seed());
            Trace[] trace = {null};
            StepBenchmark b = StepBenchmark.run(cfg, o.warmup(), o.steps(),
                    o.profile() == null ? null : r -> trace[0] = Trace.profileOrFail(r, o.profile(), 8));
            res = b.summary(cfg, o.steps());
            if (trace[0] != null) {
                res.put("profile", trace[0].perStep(b.profiled(), b.medianMs()));
            }
        }
        return Peak.measure(Peak.DEFAULT_N, 5).annotate(res);
    }
}
