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
public record FinetuneRun(String subnet, String supernet, int maxEpochs, int patience, TrainConfig train)
        implements RunConfig<FinetuneResult> {
    public FinetuneRun {
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("--epochs and --patience must be >= 1, got " + maxEpochs + " and " + patience);
        }
    }

    /**
     * The fine-tuning of {@code subnet} on the data and splits of the super-network in {@code supernet}: SGD with
     * Nesterov momentum, cosine lr, weight decay 3e-5, label smoothing 0.1, crops and flips. {@code dataset}, when
     * given, must be the super-network's.
     */
    public static FinetuneRun of(String subnet, java.nio.file.Path supernet, String dataset, int maxEpochs, int patience,
            double lr, int batch, long seed) throws java.io.IOException {
        String trainedOn = io.jnas.train.ofa.TrainedSupernet.specIn(supernet).data().dataset();
        if (dataset != null && !dataset.equals(trainedOn)) {
            throw new IllegalArgumentException("the super-network was trained on " + trainedOn + ", not " + dataset
                    + "; fine-tuning uses its data and splits (drop --dataset)");
        }
        TrainConfig t = new TrainConfig(1, batch, "sgd", lr, 0, "cosine", 0, 0.9, true, 3e-5, 0.1, 5.0, 0, 0, 4, true, 0, seed);
        return new FinetuneRun(subnet, supernet.toString(), maxEpochs, patience, t);
    }
}
