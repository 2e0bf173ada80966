package io.jnas.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.search.nat.Member;
import io.jnas.search.nat.NatConfig;
import io.jnas.search.nat.NatSearch;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatSearchTest {
    private final OfaSpace space = new OfaSpace(List.of(32, 40, 48), List.of(1.0), false, false);
    private final java.util.Map<Integer, Integer> perIteration = new java.util.TreeMap<>();

    /** A synthetic error: bigger networks and larger kernels are better, with a deterministic wobble. */
    private static double error(OfaSubnet s) {
        double macs = OfaCost.of(s, 3, 10).macs();
        double k = s.ks().stream().mapToInt(Integer::intValue).average().orElse(3);
        return 60 - 8 * Math.log10(macs / 1e6 + 1) * 3 - k + (s.toString().hashCode() % 7) * 0.1;
    }

    private List<Member> run(NatConfig cfg, List<Double> hv, List<Integer> adapted) throws Exception {
        NatSearch search = new NatSearch(space, cfg, 3, 10);
        return search.run(List.of(), List.of(), -1, (s, it) -> {
            perIteration.merge(it, 1, Integer::sum);
            return error(s);
        }, (sampler, it) -> {
            adapted.add(it);
            assertThat(sampler.apply(new java.util.SplittableRandom(it)).r()).isIn(32, 40, 48);
        }, (it, arch, h) -> {
            hv.clear();
            hv.addAll(h);
        }, line -> {
        });
    }

    @Test
    void natv2KeepsAFixedArchiveAndImprovesTheFront() throws Exception {
        NatConfig cfg = new NatConfig("natv2", List.of("error", "params", "macs"), 20, 3, 6, "gbt", 3, 20, 5, 1, 10, 0);
        List<Double> hv = new ArrayList<>();
        List<Integer> adapted = new ArrayList<>();
        List<Member> arch = run(cfg, hv, adapted);
        assertThat(arch).hasSize(20);
        assertThat(arch.stream().map(Member::subnet).distinct().count()).isEqualTo(20);
        assertThat(hv).hasSize(4);
        assertThat(hv.get(3)).isGreaterThanOrEqualTo(hv.get(0));
        assertThat(adapted).containsExactly(1, 2, 3);
        // every iteration evaluates its full number of new candidates
        assertThat(perIteration).containsEntry(1, 6).containsEntry(2, 6).containsEntry(3, 6);
        // the initial archive holds the two extremes
        assertThat(arch.stream().filter(m -> m.iteration() == 0).map(Member::subnet))
                .contains(space.smallest());
        List<Double> hv2 = new ArrayList<>();
        assertThat(run(cfg, hv2, new ArrayList<>())).isEqualTo(arch);
        assertThat(hv2).isEqualTo(hv);
    }

    @Test
    void natBaselineGrowsItsArchive() throws Exception {
        NatConfig cfg = new NatConfig("nat", List.of("error", "macs"), 10, 2, 4, "rbf", 1, 20, 5, 0, 10, 1);
        List<Double> hv = new ArrayList<>();
        List<Integer> adapted = new ArrayList<>();
        List<Member> arch = run(cfg, hv, adapted);
        assertThat(arch).hasSize(10 + 2 * 4);
        assertThat(adapted).isEmpty();
        assertThat(NatSearch.nondominated(arch, cfg.objectives())).isNotEmpty();
    }

    @Test
    void theKneeOfAFrontIsAHighTradeoffPoint() {
        // error falls steeply until 2 M MACs, then barely: the knee is the 2 M point
        OfaSubnet any = space.smallest();
        List<Member> front = List.of(new Member(any, 50, 1, 1_000_000, 0), new Member(any, 30, 1, 1_500_000, 0),
                new Member(any, 12, 1, 2_000_000, 0), new Member(any, 11.5, 1, 4_000_000, 0),
                new Member(any, 11, 1, 8_000_000, 0));
        boolean[] k = NatSearch.highTradeoff(front, List.of("error", "macs"));
        assertThat(k[2]).isTrue();
        assertThat(k[4]).isFalse();
    }
}
