package io.jnas.experiment;

import io.jnas.train.ofa.SupernetSpec;

/**
 * A super-network training ({@code jnas supernet train}).
 *
 * @param supernet the variant, shape, data, validation split and training settings
 */
public record SupernetRun(SupernetSpec supernet) {
}
