package io.jnas.estimate;

import java.util.Map;

/**
 * An estimator's verdict on one architecture. Larger is better.
 *
 * @param value the score used for ranking
 * @param terms named components (e.g. a MOTE estimate's landscape and speed terms)
 * @param seconds wall time spent estimating
 */
public record Score(double value, Map<String, Double> terms, double seconds) {
    public Score {
        terms = Map.copyOf(terms);
    }

    public static Score of(double value, double seconds) {
        return new Score(value, Map.of(), seconds);
    }
}
