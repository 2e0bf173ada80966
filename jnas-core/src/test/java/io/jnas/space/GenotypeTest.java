package io.jnas.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.space.darts.DartsSpace;
import io.jnas.space.darts.Genotype;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GenotypeTest {
    private final DartsSpace space = new DartsSpace();

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundTrips(long seed) {
        Genotype g = space.sample(new SplittableRandom(seed));
        assertThat(Genotype.parse(g.toString())).isEqualTo(g);
        assertThat(space.decode(space.encode(g))).isEqualTo(g);
        for (Genotype n : space.neighbours(g)) {
            assertThat(n).isNotEqualTo(g);
            assertThat(Genotype.parse(n.toString())).isEqualTo(n);
        }
    }

    @Test
    void rangeFormIsAcceptedAndListFormPrinted() {
        String s = Genotype.DARTS_V2.toString().replace("normal_concat=[2, 3, 4, 5]", "normal_concat=range(2, 6)")
                .replace("reduce_concat=[2, 3, 4, 5]", "reduce_concat=range(2, 6)");
        assertThat(s).contains("range(2, 6)");
        assertThat(Genotype.parse(s)).isEqualTo(Genotype.DARTS_V2);
        assertThat(Genotype.parse(s).toString()).contains("normal_concat=[2, 3, 4, 5]");
        assertThat(Genotype.DARTS_V2.normalSkips()).isEqualTo(2);
    }

    @Test
    void errorsNameTheProblem() {
        String ok = Genotype.DARTS_V2.toString();
        assertThatThrownBy(() -> Genotype.parse(ok.replace("'dil_conv_3x3', 2", "'dil_conv_9x9', 2")))
                .hasMessageContaining("dil_conv_9x9").hasMessageContaining("sep_conv_3x3");
        assertThatThrownBy(() -> Genotype.parse(ok.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', 5)")))
                .hasMessageContaining("input 5");
        assertThatThrownBy(() -> Genotype.parse(ok.replace(", reduce_concat=[2, 3, 4, 5]", "")))
                .hasMessageContaining("reduce_concat");
        assertThatThrownBy(() -> Genotype.parse("Genotype(normal=[")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Genotype.parse("nonsense")).hasMessageContaining("Genotype(");
    }
}
