package io.jnas.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.engine.InFlight;
import io.jnas.estimate.Estimator;
import io.jnas.estimate.Score;
import io.jnas.search.nat.Front;
import io.jnas.search.nat.Member;
import io.jnas.search.nat.NatConfig;
import io.jnas.search.nat.NatSearch;
import io.jnas.space.CostModel;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency as a NAT objective and a constraint, through the cost model's seams, on a synthetic latency. */
class NatLatencyTest {
    private final OfaSpace space = new OfaSpace(List.of(32, 40, 48), List.of(1.0), false, false);
    private static final double MAX_MS = 0.6;

    /** Latency that is not MACs: depth costs per block, resolution quadratically, kernels little. */
    private static double latency(OfaSubnet s) {
        double blocks = s.d().stream().mapToInt(Integer::intValue).sum();
        return 0.02 * blocks * (s.r() / 32.0) * (s.r() / 32.0) + 0.002 * s.ks().stream().mapToInt(Integer::intValue).sum();
    }

    private final CostModel<OfaSubnet> cost = new CostModel<>() {
        @Override
        public long params(OfaSubnet s) {
            return OfaCost.of(s, 3, 10).params();
        }

        @Override
        public long macs(OfaSubnet s) {
            return OfaCost.of(s, 3, 10).macs();
        }

        @Override
        public double latencyMs(OfaSubnet s) {
            return latency(s);
        }

        @Override
        public boolean feasible(OfaSubnet s) {
            return latency(s) <= MAX_MS;
        }
    };

    private final Estimator<OfaSubnet> accuracy = new Estimator<>() {
        @Override
        public String name() {
            return "synthetic";
        }

        @Override
        public Score estimate(OfaSubnet s) {
            double macs = OfaCost.of(s, 3, 10).macs();
            return Score.of(40 + 8 * Math.log10(macs / 1e6 + 1) * 3 + (s.toString().hashCode() % 7) * 0.1, 0);
        }
    };

    @Test
    void everyEvaluatedCandidateMeetsTheLimitAndCarriesItsLatency() throws Exception {
        NatConfig cfg = new NatConfig("natv2", List.of("error", "latency"), 16, 3, 5, "rbf", 1, 20, 5, 0, 10, 0, "spread", "history", 4);
        NatSearch<OfaSubnet> search = cfg.create(space, cost);
        List<OfaSubnet> evaluated = new ArrayList<>();
        try (InFlight engine = new InFlight(1)) {
            new SearchLoop<>(search, accuracy, engine, space::format).run(0, (round, a, s, replayed) -> evaluated.add(a));
        }
        assertThat(evaluated).hasSize(cfg.budget());
        assertThat(evaluated).allSatisfy(a -> assertThat(latency(a)).isLessThanOrEqualTo(MAX_MS));
        assertThat(space.largest()).as("the largest subnet is over the limit here").matches(a -> latency(a) > MAX_MS)
                .isNotIn(evaluated);
        List<Member<OfaSubnet>> front = search.front();
        assertThat(front).isNotEmpty().allSatisfy(m -> assertThat(m.latency()).isEqualTo(latency(m.arch())));
        // the front is non-dominated in error and latency, not in MACs
        assertThat(Front.nondominated(front, List.of("error", "latency"))).hasSameSizeAs(front);
        assertThat(search.hypervolume()).hasSize(4).allSatisfy(h -> assertThat(h).isBetween(0.0, 1.0));
    }

    @Test
    void latencyNeedsALatencyModel() {
        NatConfig cfg = new NatConfig("natv2", List.of("error", "latency"), 16, 3, 5, "rbf", 1, 20, 5, 0, 10, 0, "spread", "history", 4);
        CostModel<OfaSubnet> plain = new CostModel<>() {
            @Override
            public long params(OfaSubnet s) {
                return 1;
            }

            @Override
            public long macs(OfaSubnet s) {
                return 1;
            }
        };
        assertThatThrownBy(() -> cfg.create(space, plain)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("no latency model");
        assertThatThrownBy(() -> new NatConfig("natv2", List.of("error", "speed"), 16, 3, 5, "rbf", 1, 20, 5, 0, 10, 0, "spread", "history",
                4)).hasMessageContaining("params, macs and latency");
    }
}
