package io.jnas.experiment;

import io.jnas.train.TrainConfig;

/**
 * A fine-tuning of a found subnet ({@code jnas finetune}).
 *
 * @param subnet the subnet text
 * @param supernet the trained super-network's folder
 * @param maxEpochs most epochs tried when choosing the epoch count
 * @param patience epochs without validation improvement before the choice stops
 * @param train optimisation settings (its epoch count is replaced per stage)
 */
public record FinetuneRun(String subnet, String supernet, int maxEpochs, int patience, TrainConfig train) {
    public FinetuneRun {
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("--epochs and --patience must be >= 1, got " + maxEpochs + " and " + patience);
        }
    }
}
