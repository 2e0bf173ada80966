package io.jnas.estimate;

import io.jnas.run.Registry;
import java.util.List;

/** The estimators by name (see {@link EstimatorProvider}). */
public final class Estimators {
    private static final Registry<EstimatorProvider> PROVIDERS = Registry.load("estimator", EstimatorProvider.class,
            EstimatorProvider::name);

    private Estimators() {
    }

    /** The provider called {@code name}; IllegalArgumentException naming the estimators there are. */
    public static EstimatorProvider get(String name) {
        return PROVIDERS.get(name);
    }

    /** Every estimator name. */
    public static List<String> names() {
        return PROVIDERS.names();
    }

    /**
     * {@code spec} checked for a search, which scores architectures one by one: an estimator whose values exist only
     * over a whole sample (the few-shot ranker) is refused with one line.
     */
    public static EstimatorSpec scoring(EstimatorSpec spec) {
        for (String e : spec.estimators()) {
            if (!get(e).scoresAlone(spec)) {
                throw new IllegalArgumentException("the " + e + " estimator is fitted over a whole scored sample, not one "
                        + "architecture at a time: use it with jnas estimate, and search with another estimator");
            }
        }
        return spec.checked();
    }
}
