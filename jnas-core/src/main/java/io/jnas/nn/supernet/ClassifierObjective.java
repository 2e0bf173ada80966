package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import io.jnas.nn.Act;
import io.jnas.nn.BatchNorm;
import io.jnas.nn.Ctx;
import io.jnas.nn.GlobalAvgPool;
import io.jnas.nn.Init;
import io.jnas.nn.Linear;
import io.jnas.nn.Losses;

/** Supervised DARTS: cross-entropy of a (BN, ReLU,) global-pool, linear head on f3. */
public final class ClassifierObjective extends Objective {
    private final BatchNorm bn;
    private final Linear head;

    /** @param preActivation add BN + ReLU before pooling (NAS-Bench-201's "lastact") */
    public ClassifierObjective(Init init, int channels, int classes, boolean preActivation) {
        bn = preActivation ? child("lastact", new BatchNorm(init, channels, true)) : null;
        head = child("classifier", new Linear(init, channels, classes));
    }

    public NDArray logits(Ctx ctx, Supernet net, NDArray images) {
        NDArray f = net.features(ctx, images, null).f3();
        if (bn != null) {
            f = Act.apply(Act.Kind.RELU, bn.forward(ctx, f));
        }
        return head.forward(ctx, GlobalAvgPool.apply(f));
    }

    @Override
    public NDArray loss(Ctx ctx, Supernet net, NDArray images, NDArray labels) {
        return Losses.crossEntropy(logits(ctx, net, images), labels, 0);
    }

    @Override
    public boolean usesLabels() {
        return true;
    }
}
