package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;

/**
 * MOTE's reduced architecture (RA; MOTE-NAS, NeurIPS 2024, openreview.net/forum?id=jKLyKeZfzv): stem 3×3 conv (→W) + BN; the cell at
 * W channels, then BN and ReLU; 4×4 average pooling; the cell again; global pooling; linear.
 * For DARTS genotypes the first cell is the normal cell and the second the reduction cell,
 * each fed (x, x), with W/4 channels per node so that their outputs are W wide.
 * Input (N, in, H, W), H divisible by 4.
 */
public final class ReducedNetwork extends Network {
    private final int inChannels;
    private final Module stem;
    private final Module cell1;
    private final Module post;
    private final Module cell2;
    private final Linear classifier;

    private ReducedNetwork(Init init, int inChannels, int classes, int width, Module c1, int out1, Module c2, int out2) {
        this.inChannels = inChannels;
        stem = child("stem", Sequential.of(new Conv(init, inChannels, width, 3, 1, 1, 1, 1, false),
                new BatchNorm(init, width, true)));
        cell1 = child("cell1", c1);
        post = child("post", Sequential.of(new BatchNorm(init, out1, true), Act.relu(), Pool.avgCountPad(4, 4, 0)));
        cell2 = child("cell2", c2);
        classifier = child("classifier", new Linear(init, out2, classes));
    }

    /** The RA of a NAS-Bench-201 cell. */
    public static ReducedNetwork nb201(Init init, Nb201Cell cell, int inChannels, int classes, int width) {
        return new ReducedNetwork(init, inChannels, classes, width, Nb201Network.cell(init, cell, width), width,
                Nb201Network.cell(init, cell, width), width);
    }

    /** The RA of a DARTS genotype (normal cell, then reduction cell). */
    public static ReducedNetwork darts(Init init, Genotype g, int inChannels, int classes, int width) {
        if (width % 4 != 0) {
            throw new IllegalArgumentException("the DARTS reduced architecture needs a width divisible by 4, got " + width);
        }
        int c = width / 4;
        int out1 = g.normalConcat().size() * c;
        return new ReducedNetwork(init, inChannels, classes, width,
                DartsNetwork.singleInputCell(init, g, width, c, false), out1,
                DartsNetwork.singleInputCell(init, g, out1, c, true), g.reduceConcat().size() * c);
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray y = cell2.forward(ctx, post.forward(ctx, cell1.forward(ctx, stem.forward(ctx, x))));
        if (ctx.meter() != null) {
            ctx.countPooling(y.getShape().size() / y.getShape().get(0));
        }
        return classifier.forward(ctx, GlobalAvgPool.apply(y));
    }

    @Override
    public int inputChannels() {
        return inChannels;
    }
}
