package io.jnas.train.ofa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.jnas.nn.CostMeter;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.ofa.OfaNetwork;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The OFA step benchmark trains the subnets it says, counts their arithmetic as the cost meter does, refuses bad settings. */
class SupernetBenchmarkTest {

    @Test
    void largestModeCountsTheLargestSubnetsMacs() throws Exception {
        var s = new SupernetBenchmark.Setting("ofa", 0.5, 32, 2, "largest", 0, 2, 3);
        SupernetBenchmark b = SupernetBenchmark.run(s, null);
        OfaNetwork.Spec spec = SupernetSpec.shape("ofa", 3, 10, 0.5);
        CostMeter meter = new CostMeter();
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), spec, 32);
            net.exitLogits(new Ctx(m, false, new SplittableRandom(0), meter), m.zeros(new ai.djl.ndarray.types.Shape(1, 3, 32, 32)));
        }
        assertThat(b.meanMacs()).isEqualTo(meter.macs());
        assertThat(b.medianMs()).isPositive();
        assertThat(b.updateMs()).isPositive().isLessThan(b.maxMs());
        Map<String, Object> sum = b.summary(s);
        assertThat(sum).containsKeys("images_per_s", "gflops", "update_ms").containsEntry("mode", "largest");
        assertThat((double) sum.get("gflop_per_step")).isEqualTo(Math.round(6.0 * meter.macs() * 2 / 1e6) / 1e3);
    }

    @Test
    void randomModeDrawsSmallerSubnetsOfOfav2() throws Exception {
        var s = new SupernetBenchmark.Setting("ofav2", 0.5, 32, 2, "random", 0, 3, 1);
        SupernetBenchmark b = SupernetBenchmark.run(s, null);
        var big = SupernetBenchmark.run(new SupernetBenchmark.Setting("ofav2", 0.5, 32, 2, "largest", 0, 1, 1), null);
        assertThat(b.meanMacs()).isPositive().isLessThan(big.meanMacs());
    }

    @Test
    void evaluateTimesExtractionRecalibrationAndValidation() {
        var s = new SupernetBenchmark.Setting("ofa", 0.5, 32, 16, "evaluate", 0, 2, 5);
        Map<String, Object> r = SupernetBenchmark.evaluate(s, 32, 48, "ort");
        assertThat(r).containsEntry("subnets", 2).containsEntry("val_images", 48).containsKeys("subnets_per_minute", "gflops");
        double parts = (double) r.get("extract_ms") + (double) r.get("recalibrate_ms") + (double) r.get("validate_ms");
        assertThat(parts).isPositive();
        assertThat((double) r.get("validate_ms")).isPositive();
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> new SupernetBenchmark.Setting("ofa", 1.0, 32, 8, "smallest", 0, 1, 0))
                .hasMessageContaining("--mode must be largest, random or evaluate");
        assertThatThrownBy(() -> new SupernetBenchmark.Setting("nb201", 1.0, 32, 8, "largest", 0, 1, 0))
                .hasMessageContaining("--space must be ofa or ofav2");
        assertThatThrownBy(() -> new SupernetBenchmark.Setting("ofa", 1.0, 32, 8, "largest", 0, 0, 0))
                .hasMessageContaining("--steps must be >= 1");
    }
}
