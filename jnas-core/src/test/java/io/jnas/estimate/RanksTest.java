package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RanksTest {
    @Test
    void tiesShareTheirMeanRankAndUndefinedScoresRankLowest() {
        assertThat(Ranks.of(new double[] {3, 1, 2, 2})).containsExactly(4, 1, 2.5, 2.5);
        assertThat(Ranks.of(new double[] {Double.NaN, 5, Double.NEGATIVE_INFINITY, -7}))
                .containsExactly(1.5, 4, 1.5, 3);
    }

    @Test
    void logRuleSumsTheLogsOfRelativeRanks() {
        double[] a = {1, 2, 3};
        double[] b = {3, 1, 2};
        double[] v = Ranks.aggregate(List.of(a, b), Ranks.Rule.LOG);
        assertThat(v[0]).isCloseTo(Math.log(1 / 3.0) + Math.log(3 / 3.0), within(1e-12));
        assertThat(v[1]).isCloseTo(Math.log(2 / 3.0) + Math.log(1 / 3.0), within(1e-12));
        assertThat(v[2]).isCloseTo(Math.log(3 / 3.0) + Math.log(2 / 3.0), within(1e-12));
        // the log rule punishes one weak rank more than the mean does: cell 1 (2nd and last) falls below cell 0
        double[] mean = Ranks.aggregate(List.of(a, b), Ranks.Rule.MEAN);
        assertThat(mean).containsExactly(2, 1.5, 2.5);
        assertThat(v[1]).isLessThan(v[0]);
    }

    @Test
    void unknownRuleIsRefusedByName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ranks.Rule.of("median"))
                .hasMessageContaining("allowed: log, mean");
    }
}
