package io.jnas.experiment;

import io.jnas.engine.EngineSpec;
import io.jnas.estimate.EstimatorSpec;

/**
 * An estimate study ({@code jnas estimate}): a seeded random sample of a space scored by several estimators.
 *
 * @param estimators the space, estimators, data, MOTE settings and table
 * @param sample number of distinct architectures
 * @param csv where scores.csv goes (null: inside the run directory)
 * @param engine where the candidates are scored (this process, worker processes, a Spark cluster)
 */
public record EstimateRun(EstimatorSpec estimators, int sample, String csv, EngineSpec engine)
        implements RunConfig<EstimateResult> {
    public EstimateRun {
        engine = engine == null ? EngineSpec.IN_PROCESS : engine;
        if (sample < 2) {
            throw new IllegalArgumentException("--sample must be >= 2, got " + sample);
        }
    }
}
