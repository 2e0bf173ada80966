package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.data.Fixtures;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.space.ofa.OfaSubnet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** NASWOT's activation codes on networks of ReLUs (NAS-Bench-201) and of h-swish and ReLU (OFA's MobileNetV3 subnets). */
class NaswotTest {
    @Test
    void aCellWithConvolutionsSeparatesImagesBetterThanOneWithout() {
        double[] s = ConvVsSkip.zeroCost("naswot", 16);
        assertThat(s[0]).isFinite().isGreaterThan(s[1]);
    }

    @Test
    void ofaSubnetsAreScoredFromTheirReluAndHswishCodes() {
        SpaceKit<OfaSubnet> kit = SpaceKits.get("ofa");
        ZeroCostEstimator<OfaSubnet> est = new ZeroCostEstimator<>("naswot", (init, a) -> kit.network(init, a, 3, 10,
                kit.defaultShape()), kit.space()::format, Fixtures.stripes(16, 32, 5), 8, 0);
        OfaSubnet a = kit.space().sample(new SplittableRandom(1));
        double v = est.estimate(a).value();
        assertThat(v).as("before, OFA blocks showed no activation to NASWOT: no score at all").isFinite();
        assertThat(est.estimate(a).value()).as("same subnet, same seed").isEqualTo(v);
    }
}
