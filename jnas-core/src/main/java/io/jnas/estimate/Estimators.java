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
}
