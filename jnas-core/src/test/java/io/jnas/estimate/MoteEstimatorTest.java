package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.data.ImageData;
import io.jnas.nn.ReducedNetwork;
import io.jnas.space.darts.DartsSpace;
import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoteEstimatorTest {
    private static final MoteConfig CFG = new MoteConfig(2, 2, 16, 1e-3, 0.01, 8, "macs", "train", 3);

    @Test
    void scoresAreDeterministicWithMacsAndTermsArePositive() {
        ImageData rd = Fixtures.stripes(48, 8, 1);
        MoteEstimator<Nb201Cell> est = new MoteEstimator<>(CFG, rd, rd,
                (init, c) -> ReducedNetwork.nb201(init, c, 3, 2, 8), Nb201Cell::toString);
        Nb201Cell conv = Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
        Nb201Cell empty = Nb201Cell.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|");
        Score a = est.estimate(conv);
        Score b = est.estimate(conv);
        assertThat(a.value()).isEqualTo(b.value());
        assertThat(a.terms().get("mote_landscape")).isPositive();
        assertThat(a.terms().get("mote_speed")).isPositive();
        assertThat(a.value()).isEqualTo(a.terms().get("mote_landscape") + a.terms().get("mote_speed"));
        // a cell that computes nothing costs less to train, so its speed term is smaller
        assertThat(est.estimate(empty).terms().get("mote_speed")).isLessThan(a.terms().get("mote_speed"));
        BoxCox l = new BoxCox(0.86, 1.216);
        BoxCox s = new BoxCox(0.617, 0.961);
        est.calibrated(l, s);
        assertThat(est.estimate(conv).value()).isEqualTo(MoteEstimator.combine(a.terms().get("mote_landscape"),
                a.terms().get("mote_speed"), l, s));
    }

    @Test
    void dartsGenotypesHaveAReducedArchitectureToo() {
        ImageData rd = Fixtures.stripes(32, 8, 2);
        Genotype g = new DartsSpace().sample(new SplittableRandom(4));
        MoteEstimator<Genotype> est = new MoteEstimator<>(CFG, rd, null,
                (init, x) -> ReducedNetwork.darts(init, x, 3, 2, 8), Genotype::toString);
        Score s = est.estimate(g);
        assertThat(s.value()).isFinite().isPositive();
        assertThat(s.terms().get("short_acc")).isNaN();
    }
}
