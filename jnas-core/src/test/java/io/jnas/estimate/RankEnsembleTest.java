package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RankEnsembleTest {
    /** Scores a string by a function; the term "len" is its length. */
    private static Estimator<String> of(String name, Function<String, Double> f, AtomicInteger calls) {
        return new Estimator<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Score estimate(String a) {
                calls.incrementAndGet();
                return new Score(f.apply(a), Map.of("len", (double) a.length()), 0.5);
            }
        };
    }

    private static RankEnsemble<String> ensemble(AtomicInteger calls) {
        Estimator<String> x = of("x", a -> (double) a.charAt(0), calls);
        Estimator<String> y = of("y", a -> -(double) a.charAt(0), calls);
        RankRule rule = new RankRule("ens", Ranks.Rule.LOG, List.of("x", "len"), List.of(
                new RankRule("inner", Ranks.Rule.MEAN, List.of("y"), List.of())));
        return new RankEnsemble<>(rule, Map.of("x", x, "len", x, "y", y), a -> a);
    }

    @Test
    void valueIsTheRuleOverTheArchitecturesScoredSoFar() {
        AtomicInteger calls = new AtomicInteger();
        RankEnsemble<String> e = ensemble(calls);
        Score first = e.estimate("b");
        assertThat(first.value()).isZero(); // alone in the pool: every rank is n/n
        assertThat(first.terms()).containsEntry("x", (double) 'b').containsEntry("len", 1.0).containsEntry("y", -98.0);
        assertThat(first.seconds()).isEqualTo(1.0); // x once (it gives two columns), y once
        assertThat(calls.get()).isEqualTo(2);
        Score second = e.estimate("cc");
        // pool {b, cc}: x ranks cc 2/2, len ranks cc 2/2, the inner mean rank of y ranks cc 1/2
        assertThat(second.value()).isCloseTo(Math.log(1.0) + Math.log(1.0) + Math.log(0.5), within(1e-12));
        // b again (not added twice): now it ranks 1/2 by x and len, 2/2 by the inner aggregate
        assertThat(e.estimate("b").value()).isCloseTo(2 * Math.log(0.5), within(1e-12));
        assertThat(e.pooled().leaves()).containsExactly("x", "len", "y");
    }

    @Test
    void replayedScoresCountAsIfTheyHadBeenComputed() {
        RankEnsemble<String> straight = ensemble(new AtomicInteger());
        straight.estimate("a");
        Score ab = straight.estimate("bb");
        double c = straight.estimate("c").value();
        RankEnsemble<String> resumed = ensemble(new AtomicInteger());
        resumed.replayed("a", new Score(0, Map.of("x", (double) 'a', "len", 1.0, "y", -97.0), 0));
        resumed.replayed("bb", ab);
        assertThat(resumed.estimate("c").value()).isEqualTo(c);
    }

    @Test
    void aMemberNoEstimatorGivesIsRefused() {
        assertThatThrownBy(() -> new RankEnsemble<String>(new RankRule("ens", Ranks.Rule.LOG, List.of("nope"), List.of()),
                Map.of(), a -> a)).hasMessageContaining("no estimator gives the column nope");
    }
}
