package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import io.jnas.nn.Ctx;
import io.jnas.nn.Module;

/**
 * What a supernet is trained to do during search: its own parameters (a classifier head or a
 * decoder) train with the network weights. Both levels of the bilevel problem use it.
 */
public abstract class Objective extends Module {

    /** The scalar loss of the supernet on a batch; {@code labels} may be ignored (label-free objectives). */
    public abstract NDArray loss(Ctx ctx, Supernet net, NDArray images, NDArray labels);

    /** Whether the objective reads labels. */
    public abstract boolean usesLabels();

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        throw new UnsupportedOperationException("an objective computes a loss: use loss(...)");
    }
}
