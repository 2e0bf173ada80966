package io.jnas.toy;

import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EstimatorProvider;
import io.jnas.estimate.Score;

/**
 * The toy estimator, declared in src/test/resources/META-INF/services/io.jnas.estimate.EstimatorProvider: its score is
 * the toy accuracy of an architecture of the toy space.
 */
public final class ToyEstimator implements EstimatorProvider {
    @Override
    public String name() {
        return "toy";
    }

    @Override
    public String description() {
        return "the toy space's accuracy (test code)";
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> Estimator<A> create(EstimatorContext<A> context) {
        if (!(context.kit().space() instanceof ToySpace)) {
            throw new IllegalArgumentException("the toy estimator scores the toy space only");
        }
        return (Estimator<A>) of();
    }

    /** The estimator itself. */
    public static Estimator<ToySpace.Arch> of() {
        return new Estimator<>() {
            @Override
            public String name() {
                return "toy";
            }

            @Override
            public Score estimate(ToySpace.Arch a) {
                return Score.of(ToySpace.accuracy(a), 0);
            }
        };
    }
}
