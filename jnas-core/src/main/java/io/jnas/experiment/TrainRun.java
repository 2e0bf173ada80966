package io.jnas.experiment;

import io.jnas.data.DataSpec;
import io.jnas.nn.kit.ModelSpec;
import io.jnas.train.TrainConfig;

/**
 * A training of a fixed network from scratch ({@code jnas train}).
 *
 * @param model the network
 * @param data the data
 * @param train the hyper-parameters (including the seed)
 */
public record TrainRun(ModelSpec model, DataSpec data, TrainConfig train) implements RunConfig<TrainResult> {
}
