package io.jnas.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.space.ofa.OfaCost;
import io.jnas.space.ofa.OfaLayout;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OfaSpaceTest {
    static final String NAT = "{\"ks\":[3,3,3,3,3,5,5,3,5,5,5,5,5,3,3],\"e\":[3,3,3,4,4,4,4,3,4,3,3,6,6,6,6],"
            + "\"d\":[2,3,3,3,4],\"r\":224,\"w\":1.0}";

    static Stream<OfaSpace> spaces() {
        List<Integer> small = OfaSpace.range(32, 64, 4);
        return Stream.of(new OfaSpace(OfaSpace.range(128, 224, 4), List.of(1.0, 1.2), false, false),
                new OfaSpace(small, List.of(1.0), true, false), new OfaSpace(small, List.of(1.0, 1.2), false, true),
                new OfaSpace(small, List.of(1.2), true, true));
    }

    @Test
    void natTextFormRoundTrips() {
        OfaSubnet s = OfaSubnet.parse(NAT);
        assertThat(s.toString()).isEqualTo(NAT);
        assertThat(s.blocks()).isEqualTo(15);
        assertThat(s.firstBlock(2)).isEqualTo(5);
    }

    @Test
    void natPublishedSubnetCostsAboutItsLabel() {
        // NAT's ImageNet subnet is labelled 225 MFLOPs (multiply-adds) and 6.0 M parameters
        OfaCost c = OfaCost.of(OfaSubnet.parse(NAT), 3, 1000);
        assertThat(c.macs()).isEqualTo(222_557_600L);
        assertThat(Math.abs(c.macs() - 225e6) / 225e6).isLessThan(0.02);
        assertThat(c.params()).isEqualTo(6_067_408L);
    }

    @Test
    void channelRoundingFollowsMobileNet() {
        assertThat(OfaLayout.divisible(16 * 1.2)).isEqualTo(24); // 16 would be below 90% of 19.2
        assertThat(OfaLayout.stage(1, 1.2)).isEqualTo(48);
        assertThat(OfaLayout.middle(24, 3)).isEqualTo(72);
        assertThat(OfaLayout.squeeze(72)).isEqualTo(24);
        assertThat(OfaLayout.out(7, 2)).isEqualTo(4);
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void samplesRoundTripThroughTextAndCode(OfaSpace space) {
        SplittableRandom r = new SplittableRandom(3);
        Map<Integer, Integer> depths = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            OfaSubnet s = space.sample(r);
            assertThat(space.parse(s.toString())).isEqualTo(s);
            int[] code = space.encode(s);
            assertThat(code).hasSize(space.genes()).isEqualTo(space.repair(code));
            assertThat(space.decode(code)).isEqualTo(s);
            s.d().forEach(d -> depths.merge(d, 1, Integer::sum));
            OfaSubnet m = space.mutate(s, r);
            assertThat(m).isNotEqualTo(s);
            assertThat(space.parse(m.toString())).isEqualTo(m);
        }
        // last two genes zero with probability 1/3: depth 2 ≈ 1/3, 3 ≈ 2/9, 4 ≈ 4/9
        int total = depths.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(depths.get(2) / (double) total).isBetween(0.27, 0.40);
        assertThat(depths.get(4) / (double) total).isBetween(0.38, 0.51);
    }

    @ParameterizedTest
    @MethodSource("spaces")
    void neighboursDifferInOneGeneAfterRepair(OfaSpace space) {
        OfaSubnet s = space.sample(new SplittableRandom(11));
        List<OfaSubnet> ns = space.neighbours(s);
        assertThat(ns).doesNotContain(s).doesNotHaveDuplicates();
        for (OfaSubnet n : ns) {
            int[] a = space.encode(s);
            int[] b = space.encode(n);
            int diff = 0;
            for (int g = 0; g < a.length; g++) {
                diff += a[g] != b[g] ? 1 : 0;
            }
            // one gene, or a depth cut that zeroes the genes after it
            assertThat(diff).isBetween(1, space.exits() ? 40 : 4);
        }
    }

    @Test
    void blocksWithoutTheMbConvBranchDecodeToOneCanonicalKernelAndExpand() {
        OfaSpace space = new OfaSpace(List.of(32), List.of(1.0), true, false);
        int[] code = space.encode(space.largest());
        int first = space.genes() - 2 * OfaSpace.LAYERS; // the first block's layer gene
        code[first + OfaSpace.LAYERS] = 4; // transform branch only
        OfaSubnet a = space.decode(code);
        code[first] = 5; // another kernel / expand, which that branch does not use
        OfaSubnet b = space.decode(code);
        assertThat(a).isEqualTo(b);
        assertThat(a.ks().get(0)).isEqualTo(3);
        assertThat(a.e().get(0)).isEqualTo(3);
        assertThat(space.encode(a)).isEqualTo(space.encode(b));
        // the MBConv branch keeps its genes
        code[first + OfaSpace.LAYERS] = 5;
        assertThat(space.decode(code).ks().get(0)).isEqualTo(5);
        assertThat(OfaCost.of(a, 3, 10).macs()).isEqualTo(OfaCost.of(b, 3, 10).macs());
    }

    @Test
    void repairCutsAStageAfterItsFirstZero() {
        OfaSpace space = new OfaSpace(List.of(224), List.of(1.0), false, false);
        int[] code = new int[space.genes()];
        java.util.Arrays.fill(code, 5);
        code[0] = 0;
        code[1] = 0;
        code[2] = 0; // first gene of stage 1 cannot be 0
        code[2 + 6] = 0; // third gene of stage 2: depth 2, the fourth gene is cut
        int[] fixed = space.repair(code);
        assertThat(fixed[2]).isEqualTo(1);
        assertThat(fixed[2 + 7]).isZero();
        OfaSubnet s = space.decode(fixed);
        assertThat(s.d()).containsExactly(4, 2, 4, 4, 4);
        assertThat(s.ks().get(0)).isEqualTo(3);
        assertThat(s.e().get(0)).isEqualTo(3);
        assertThatThrownBy(() -> space.decode(code)).hasMessageContaining("needs repair");
    }

    @Test
    void smallestAndLargestBoundTheCost() {
        OfaSpace space = new OfaSpace(OfaSpace.range(32, 64, 4), List.of(1.0, 1.2), true, true);
        long lo = OfaCost.of(space.smallest(), 3, 10).macs();
        long hi = OfaCost.of(space.largest(), 3, 10).macs();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            long m = OfaCost.of(space.sample(r), 3, 10).macs();
            assertThat(m).isBetween(lo, hi);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '#', value = {
        "''#must be a JSON object like",
        "[1,2]#got '[1,2]'",
        "{\"ks\":[3],\"e\":[3],\"d\":[1,2,2,2,2],\"r\":224,\"w\":1.0}#\"d\" value 1 is not allowed; use one of [2, 3, 4]",
        "{\"ks\":[3,3],\"e\":[3,3],\"d\":[2,2,2,2,2],\"r\":224,\"w\":1.0}#one entry per active block (sum of d = 10), got 2",
        "{\"ks\":\"x\"}#\"ks\" must be a list of integers, got \"x\"",
        "{\"ks\":[],\"e\":[],\"d\":[],\"r\":224,\"w\":1.0,\"q\":1}#unknown key \"q\""})
    void badTextNamesTheProblem(String text, String expected) {
        assertThatThrownBy(() -> OfaSubnet.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void spaceRejectsForeignSubnets() {
        OfaSpace v2 = new OfaSpace(List.of(224), List.of(1.0), true, true);
        assertThatThrownBy(() -> v2.parse(NAT)).hasMessageContaining("\"p\"");
        OfaSpace small = new OfaSpace(OfaSpace.range(32, 64, 4), List.of(1.0), false, false);
        assertThatThrownBy(() -> small.parse(NAT)).hasMessageContaining("resolution 224");
        assertThatThrownBy(() -> OfaSubnet.parse(NAT.replace("[3,3,3,3,3,5", "[3,3,3,3,4,5")))
                .hasMessageContaining("\"ks\" value 4");
    }
}
