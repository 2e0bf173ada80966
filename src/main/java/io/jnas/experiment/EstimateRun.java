package io.jnas.experiment;

import io.jnas.estimate.EstimatorSpec;

/**
 * An estimate study ({@code jnas estimate}): a seeded random sample of a space scored by several estimators.
 *
 * @param estimators the space, estimators, data, MOTE settings and table
 * @param sample number of distinct architectures
 * @param csv where scores.csv goes (null: inside the run directory)
 * @param workers worker processes that score the candidates (0: this process)
 * @param threads libtorch threads of each worker process
 */
public record EstimateRun(EstimatorSpec estimators, int sample, String csv, int workers, int threads) {
    public EstimateRun {
        if (sample < 2) {
            throw new IllegalArgumentException("--sample must be >= 2, got " + sample);
        }
        if (workers < 0 || workers > 0 && threads < 1) {
            throw new IllegalArgumentException("--workers must be >= 0 and --threads >= 1, got " + workers + " and " + threads);
        }
    }
}
