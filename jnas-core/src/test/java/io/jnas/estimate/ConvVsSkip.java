package io.jnas.estimate;

import io.jnas.data.Fixtures;
import io.jnas.nn.Nb201Network;
import io.jnas.space.nb201.Nb201Cell;

/** The sanity check every proxy test shares: an all-3×3-conv NAS-Bench-201 cell against an all-skip cell. */
final class ConvVsSkip {
    static final Nb201Cell CONV = Nb201Cell.parse(
            "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|");
    static final Nb201Cell SKIP = Nb201Cell.parse(
            "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|");

    private ConvVsSkip() {
    }

    /** The zero-cost proxy {@code kind}'s scores {conv, skip} on a small network (C 4, 1 cell per stage). */
    static double[] zeroCost(String kind, int images) {
        ZeroCostEstimator<Nb201Cell> est = new ZeroCostEstimator<>(kind, (init, a) -> new Nb201Network(init, a, 3, 10, 4, 1),
                Nb201Cell::toString, Fixtures.stripes(images, 8, 2), 8, 0);
        return new double[] {est.estimate(CONV).value(), est.estimate(SKIP).value()};
    }
}
