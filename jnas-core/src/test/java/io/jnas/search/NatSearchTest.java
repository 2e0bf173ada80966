package io.jnas.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.Score;
import io.jnas.engine.InFlight;
import io.jnas.search.nat.Front;
import io.jnas.search.nat.Member;
import io.jnas.search.nat.NatConfig;
import io.jnas.search.nat.NatSearch;
import io.jnas.search.nat.NatState;
import io.jnas.space.CostModel;
import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NatSearchTest {
    private final OfaSpace space = new OfaSpace(List.of(32, 40, 48), List.of(1.0), false, false);
    private final Map<Integer, Integer> perIteration = new TreeMap<>();
    private final CostModel<OfaSubnet> cost = new CostModel<>() {
        @Override
        public long params(OfaSubnet s) {
            return OfaCost.of(s, 3, 10).params();
        }

        @Override
        public long macs(OfaSubnet s) {
            return OfaCost.of(s, 3, 10).macs();
        }
    };

    /** A synthetic error: bigger networks and larger kernels are better, with a deterministic wobble. */
    private static double error(OfaSubnet s) {
        double macs = OfaCost.of(s, 3, 10).macs();
        double k = s.ks().stream().mapToInt(Integer::intValue).average().orElse(3);
        return 60 - 8 * Math.log10(macs / 1e6 + 1) * 3 - k + (s.toString().hashCode() % 7) * 0.1;
    }

    /** An estimator whose accuracy is 100 − {@code error}. */
    private static Estimator<OfaSubnet> scoring(String name, java.util.function.ToDoubleFunction<OfaSubnet> error) {
        return new Estimator<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Score estimate(OfaSubnet s) {
                return Score.of(100 - error.applyAsDouble(s), 0);
            }
        };
    }

    private final Estimator<OfaSubnet> accuracy = scoring("synthetic", NatSearchTest::error);

    private NatSearch<OfaSubnet> run(NatConfig cfg, List<NatState> states, List<Integer> adapted) throws Exception {
        NatSearch<OfaSubnet> search = cfg.create(space, cost);
        search.attach(new Strategy.Hooks<>(state -> states.add((NatState) state), (sampler, it) -> {
            adapted.add(it);
            assertThat(sampler.apply(new SplittableRandom(it)).r()).isIn(32, 40, 48);
        }, line -> { }));
        try (InFlight engine = new InFlight(1)) {
            new SearchLoop<>(search, accuracy, engine, space::format).run(0, (round, a, s, replayed) ->
                    perIteration.merge(round, 1, Integer::sum));
        }
        return search;
    }

    /** A small NATv2 search (archive 12, 3 iterations of 4, rbf predictor, seed 3) with the given init and fit. */
    private static NatConfig small(String init, String fit) {
        return new NatConfig("natv2", List.of("error", "params", "macs"), 12, 3, 4, "rbf", 1, 20, 5, 0, 10, 0, init, fit, 3);
    }

    /** A search restored from {@code state} (after iteration 1), run to its end. */
    private NatSearch<OfaSubnet> resume(NatConfig cfg, NatState state) throws Exception {
        NatSearch<OfaSubnet> resumed = cfg.create(space, cost);
        resumed.restore(state);
        try (InFlight engine = new InFlight(1)) {
            new SearchLoop<>(resumed, accuracy, engine, space::format).run(2, (round, a, s, replayed) -> { });
        }
        return resumed;
    }

    @Test
    void natv2KeepsAFixedArchiveAndImprovesTheFront() throws Exception {
        NatConfig cfg = new NatConfig("natv2", List.of("error", "params", "macs"), 20, 3, 6, "gbt", 3, 20, 5, 1, 10, 0,
                "spread", "history", 0);
        List<NatState> states = new ArrayList<>();
        List<Integer> adapted = new ArrayList<>();
        NatSearch<OfaSubnet> s = run(cfg, states, adapted);
        List<Member<OfaSubnet>> arch = s.archive();
        assertThat(arch).hasSize(20);
        assertThat(arch.stream().map(Member::arch).distinct().count()).isEqualTo(20);
        List<Double> hv = s.hypervolume();
        assertThat(hv).hasSize(4);
        assertThat(hv.get(3)).isGreaterThanOrEqualTo(hv.get(0));
        assertThat(adapted).containsExactly(1, 2, 3);
        assertThat(states).extracting(NatState::iteration).containsExactly(0, 1, 2, 3);
        // every iteration evaluates its full number of new candidates
        assertThat(perIteration).containsEntry(0, 20).containsEntry(1, 6).containsEntry(2, 6).containsEntry(3, 6);
        assertThat(s.state().evaluated()).isEqualTo(38).isEqualTo(cfg.budget());
        // the initial archive holds the two extremes
        assertThat(states.get(0).members(space)).extracting(Member::arch).contains(space.smallest(), space.largest());
        NatSearch<OfaSubnet> again = run(cfg, new ArrayList<>(), new ArrayList<>());
        assertThat(again.archive()).isEqualTo(arch);
        assertThat(again.hypervolume()).isEqualTo(hv);
    }

    @Test
    void aRestoredSearchContinuesExactlyAsTheUninterruptedOne() throws Exception {
        NatConfig cfg = small("sorting", "history");
        List<NatState> states = new ArrayList<>();
        NatSearch<OfaSubnet> whole = run(cfg, states, new ArrayList<>());
        NatSearch<OfaSubnet> resumed = resume(cfg, states.get(1));
        assertThat(resumed.archive()).isEqualTo(whole.archive());
        assertThat(resumed.hypervolume()).isEqualTo(whole.hypervolume());
    }

    /**
     * The predictor's rows: every architecture evaluated, including those that left NATv2's fixed archive; a checkpoint
     * keeps them, and one written before they were kept (no history) resumes with the archive in their place.
     */
    @Test
    void theHistoryKeepsEveryEvaluatedArchitectureAndTheFitSettingIsHonoured() throws Exception {
        NatConfig cfg = small("spread", "history");
        List<NatState> states = new ArrayList<>();
        NatSearch<OfaSubnet> whole = run(cfg, states, new ArrayList<>());
        NatState last = states.get(states.size() - 1);
        assertThat(last.history()).hasSize(24).hasSize(last.evaluated());
        assertThat(last.history()).extracting(NatState.Row::arch).containsExactlyInAnyOrderElementsOf(last.evaluatedArchs());
        assertThat(last.history()).containsAll(last.archive());
        // a state as JSON, and as an older checkpoint without the history
        String json = io.jnas.run.Json.write(states.get(1));
        assertThat(io.jnas.run.Json.MAPPER.readValue(json, NatState.class)).isEqualTo(states.get(1));
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) io.jnas.run.Json.MAPPER.readTree(json);
        tree.remove("history");
        NatState old = io.jnas.run.Json.MAPPER.treeToValue(tree, NatState.class);
        assertThat(old.history()).isEmpty();
        assertThat(old.historyMembers(space)).isEqualTo(old.members(space));
        NatSearch<OfaSubnet> resumed = resume(cfg, old);
        assertThat(resumed.state().history()).hasSize(states.get(1).archive().size() + 8);
        // the same search with the predictor on the archive only proposes otherwise
        assertThat(run(small("spread", "archive"), new ArrayList<>(), new ArrayList<>()).state().evaluatedArchs())
                .isNotEqualTo(whole.state().evaluatedArchs());
        // a configuration written before the setting existed resumes as it ran: on the archive
        assertThat(small("spread", null).fit()).isEqualTo("archive");
    }

    @Test
    void anEvaluationBudgetShortensTheLastIteration() throws Exception {
        NatConfig cfg = NatConfig.preset(false, "natv2", List.of("error", "params", "macs"), 10, null, 4, "rbf", 1, 0, 21,
                "spread", "history", 5);
        assertThat(cfg.iterations()).isEqualTo(3);
        NatSearch<OfaSubnet> s = run(cfg, new ArrayList<>(), new ArrayList<>());
        assertThat(perIteration).containsEntry(0, 10).containsEntry(1, 4).containsEntry(2, 4).containsEntry(3, 3);
        assertThat(s.state().evaluated()).isEqualTo(21);
    }

    @Test
    void natBaselineGrowsItsArchive() throws Exception {
        NatConfig cfg = new NatConfig("nat", List.of("error", "macs"), 10, 2, 4, "rbf", 1, 20, 5, 0, 10, 0, "spread", "history", 1);
        List<Integer> adapted = new ArrayList<>();
        NatSearch<OfaSubnet> s = run(cfg, new ArrayList<>(), adapted);
        assertThat(s.archive()).hasSize(10 + 2 * 4);
        assertThat(adapted).isEmpty();
        List<Member<OfaSubnet>> front = Front.nondominated(s.archive(), cfg.objectives());
        for (Member<OfaSubnet> m : s.archive()) {
            double[] o = m.objectives(cfg.objectives());
            boolean dominated = s.archive().stream().anyMatch(x -> dominates(x.objectives(cfg.objectives()), o));
            assertThat(front.contains(m)).as("on the front exactly when no member dominates it: " + m).isEqualTo(!dominated);
        }
    }

    /** a is no worse than b in every objective and better in one (all minimised). */
    private static boolean dominates(double[] a, double[] b) {
        boolean better = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            better |= a[i] < b[i];
        }
        return better;
    }

    @Test
    void theKneeOfAFrontIsAHighTradeoffPoint() {
        // error falls steeply until 2 M MACs, then barely: the knee is the 2 M point
        OfaSubnet any = space.smallest();
        List<Member<OfaSubnet>> front = List.of(new Member<>(any, 50, 1, 1_000_000, 0), new Member<>(any, 30, 1, 1_500_000, 0),
                new Member<>(any, 12, 1, 2_000_000, 0), new Member<>(any, 11.5, 1, 4_000_000, 0),
                new Member<>(any, 11, 1, 8_000_000, 0));
        boolean[] k = Front.highTradeoff(front, List.of("error", "macs"));
        assertThat(k[2]).isTrue();
        assertThat(k[4]).isFalse();
    }

    /** An error the structure does not tell: only the extra feature carries it. */
    private static double noise(OfaSubnet s) {
        return 20 + 10 * new SplittableRandom(s.toString().hashCode()).nextDouble();
    }

    private final Estimator<OfaSubnet> byNoise = scoring("noise", NatSearchTest::noise);

    /**
     * With a pool (extra features known only for it), every architecture NAT evaluates comes from the pool, the
     * predictor reads the extra features: given an error that only they carry, it chooses the pool's true front.
     */
    @Test
    void withAPoolItProposesOnlyPoolMembersAndReadsTheirFeatures() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        java.util.Set<OfaSubnet> pool = new java.util.LinkedHashSet<>();
        while (pool.size() < 120) {
            pool.add(space.sample(r));
        }
        List<OfaSubnet> asked = new ArrayList<>();
        NatConfig cfg = new NatConfig("natv2", List.of("error", "params", "macs"), 10, 3, 5, "gp", 1, 20, 5, 0, 10, 0,
                "spread", "history", 0);
        NatSearch<OfaSubnet> search = cfg.create(space, cost);
        search.attach(new Strategy.Hooks<>(state -> { }, (sampler, it) -> { }, line -> { },
                new Strategy.Candidates<>(a -> new double[] {noise(a)}, List.copyOf(pool))));
        assertThat(search.readsCandidates()).isTrue();
        try (InFlight engine = new InFlight(1)) {
            new SearchLoop<>(search, byNoise, engine, space::format).run(0, (round, a, sc, replayed) -> asked.add(a));
        }
        assertThat(asked).hasSize(25).allMatch(pool::contains).doesNotHaveDuplicates();
        // after the initial archive the predictor chooses: with the error among its inputs, mostly members of the pool's
        // true front (error, params, MACs), which a blind choice of 15 would rarely hit
        List<Member<OfaSubnet>> members = pool.stream().map(a -> new Member<>(a, noise(a), cost.params(a), cost.macs(a), 0)).toList();
        java.util.Set<OfaSubnet> front = new java.util.HashSet<>(Front.nondominated(members, cfg.objectives()).stream()
                .map(Member::arch).toList());
        long onFront = asked.subList(10, asked.size()).stream().filter(front::contains).count();
        assertThat(onFront).as("%s of the pool's %s front members chosen", onFront, front.size())
                .isGreaterThanOrEqualTo(Math.min(front.size(), 15) / 2);
    }
}
