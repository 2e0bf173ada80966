package io.jnas.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Op;
import io.jnas.space.nb201.Nb201Space;
import java.util.HashSet;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Nb201CellTest {
    private final Nb201Space space = new Nb201Space();

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void textAndCodeRoundTrip(long seed) {
        Nb201Cell c = space.sample(new SplittableRandom(seed));
        assertThat(Nb201Cell.parse(c.toString())).isEqualTo(c);
        assertThat(space.decode(space.encode(c))).isEqualTo(c);
        assertThat(space.fromOrdinal(space.ordinal(c))).isEqualTo(c);
        Nb201Cell m = space.mutate(c, new SplittableRandom(seed + 1));
        int diff = 0;
        for (int e = 0; e < 6; e++) {
            diff += m.op(e) != c.op(e) ? 1 : 0;
        }
        assertThat(diff).isEqualTo(1);
    }

    @Test
    void benchmarkStringParses() {
        String s = "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
        Nb201Cell c = Nb201Cell.parse(s);
        assertThat(c.toString()).isEqualTo(s);
        assertThat(c.op(2)).isEqualTo(Nb201Op.AVG_POOL_3X3);
        assertThat(c.count(Nb201Op.NOR_CONV_3X3)).isEqualTo(3);
    }

    @Test
    void neighboursAreTheTwentyFourSingleChanges() {
        Nb201Cell c = space.sample(new SplittableRandom(7));
        var n = space.neighbours(c);
        assertThat(n).hasSize(24).doesNotContain(c);
        assertThat(new HashSet<>(n)).hasSize(24);
    }

    @Test
    void enumerationCoversTheSpaceOnce() {
        assertThat(new HashSet<>(space.enumerate())).hasSize(Nb201Space.SIZE);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '#', value = {
        "''#empty NAS-Bench-201 cell string",
        "|none~0|#has 1 node groups separated by '+', expected 3",
        "|none~0|+|none~0|none~1|+|none~0|none~1|conv~2|#unknown NAS-Bench-201 operation 'conv'",
        "|none~1|+|none~0|none~1|+|none~0|none~1|none~2|#bad edge token 'none~1'",
        "|none~0|+|none~0|+|none~0|none~1|none~2|#node 2 in"})
    void badTextIsRejectedWithTheToken(String bad, String expected) {
        assertThatThrownBy(() -> Nb201Cell.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void unknownOpNamesAllowedOnes() {
        assertThatThrownBy(() -> Nb201Cell.parse("|none~0|+|none~0|none~1|+|none~0|none~1|conv~2|"))
                .hasMessageContaining("'conv'").hasMessageContaining("nor_conv_3x3");
    }
}
