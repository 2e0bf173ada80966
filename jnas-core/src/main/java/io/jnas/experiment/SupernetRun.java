package io.jnas.experiment;

import io.jnas.train.ofa.Pretrained;
import io.jnas.train.ofa.SupernetSpec;

/**
 * A super-network training ({@code jnas supernet train}), or a transfer ({@code jnas supernet import}): the same
 * training started from pretrained weights with new classifiers.
 *
 * @param supernet the variant, shape, data, validation split and training settings
 * @param from the weights it starts from, or null to start from a seeded initialisation
 */
public record SupernetRun(SupernetSpec supernet, Pretrained from) implements RunConfig<SupernetResult> {
    /** A training from a seeded initialisation. */
    public SupernetRun(SupernetSpec supernet) {
        this(supernet, null);
    }
}
