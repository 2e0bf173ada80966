package io.jnas.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.RankEnsemble;
import io.jnas.estimate.RankRule;
import io.jnas.estimate.Ranks;
import io.jnas.estimate.Score;
import io.jnas.engine.InFlight;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Op;
import io.jnas.space.nb201.Nb201Space;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A search scored by a pool-dependent estimator: re-ranked after every round, the same after a resume. */
class PooledSearchTest {
    private final Nb201Space space = new Nb201Space();

    /** Two deterministic proxies of a cell: its 3×3 convolutions, and minus its skips. */
    private Estimator<Nb201Cell> ensemble() {
        Estimator<Nb201Cell> proxies = new Estimator<>() {
            @Override
            public String name() {
                return "conv";
            }

            @Override
            public Score estimate(Nb201Cell c) {
                return new Score(c.count(Nb201Op.NOR_CONV_3X3), Map.of("skip", (double) -c.count(Nb201Op.SKIP_CONNECT)), 0.1);
            }
        };
        RankRule rule = new RankRule("ensemble", Ranks.Rule.LOG, List.of("conv", "skip"), List.of());
        return new RankEnsemble<>(rule, Map.of("conv", proxies, "skip", proxies), space::format);
    }

    private List<Strategy.Evaluated<Nb201Cell>> search(Map<String, Score> replay, Map<String, Score> record)
            throws Exception {
        MoteEvolution<Nb201Cell> evo = new MoteEvolution<>(space, 10, 3, 0.1, 7);
        try (InFlight engine = new InFlight(1)) {
            return new SearchLoop<>(evo, ensemble(), engine, space::format).replaying(replay).run(0, (round, a, s, r) -> {
                if (!r) {
                    record.put(SearchLoop.key(round, space.format(a)), s);
                }
            });
        }
    }

    @Test
    void everyScoreIsTheRuleOverTheWholePoolWhenTheSearchEnds() throws Exception {
        Map<String, Score> record = new LinkedHashMap<>();
        List<Strategy.Evaluated<Nb201Cell>> all = search(Map.of(), record);
        assertThat(all).hasSize(10 + 10 + 10 + 10);
        double[] conv = all.stream().mapToDouble(e -> e.score().terms().get("conv")).toArray();
        double[] skip = all.stream().mapToDouble(e -> e.score().terms().get("skip")).toArray();
        double[] expected = Ranks.aggregate(List.of(conv, skip), Ranks.Rule.LOG);
        assertThat(all.stream().mapToDouble(e -> e.score().value()).toArray()).containsExactly(expected);
        // the first cell was scored alone (every rank n/n, the best value there is); it keeps that value only if it
        // is really the best of the pool
        Score firstAsScored = record.values().iterator().next();
        assertThat(firstAsScored.value()).isZero();
        assertThat(all.get(0).score().value()).isEqualTo(expected[0]);
        assertThat(expected[0]).isLessThan(0);
    }

    @Test
    void aResumedSearchReplaysTheFirstScoresAndEndsTheSame() throws Exception {
        Map<String, Score> record = new LinkedHashMap<>();
        List<Strategy.Evaluated<Nb201Cell>> straight = search(Map.of(), record);
        Map<String, Score> half = new LinkedHashMap<>();
        new ArrayList<>(record.entrySet()).subList(0, 15).forEach(e -> half.put(e.getKey(), e.getValue()));
        Map<String, Score> rest = new LinkedHashMap<>();
        List<Strategy.Evaluated<Nb201Cell>> resumed = search(half, rest);
        assertThat(resumed).isEqualTo(straight);
        // the scores computed after the resume, as recorded (ranked against the replayed ones too), are the same
        assertThat(rest).hasSize(record.size() - 15);
        rest.forEach((k, v) -> assertThat(v).as(k).isEqualTo(record.get(k)));
    }

    @Test
    void aStrategyThatCannotTakeReRankedScoresIsRefused() {
        Strategy<Nb201Cell> fixed = new Strategy<>() {
            @Override
            public List<Nb201Cell> ask(int n) {
                return List.of();
            }

            @Override
            public void tell(Nb201Cell arch, Score score) {
            }

            @Override
            public Evaluated<Nb201Cell> best() {
                return null;
            }
        };
        assertThatThrownBy(() -> new SearchLoop<>(fixed, ensemble(), new InFlight(1), space::format))
                .hasMessageContaining("ranks architectures against each other");
    }
}
