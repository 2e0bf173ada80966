package io.jnas.estimate;

import java.util.List;

/**
 * Declares an estimator to {@link Estimators}: its name, the CSV columns it fills and how to build it for a space.
 * Built-ins: mote (with tse and short_acc from the same training), synflow, naswot, grad_norm, snip, params, flops,
 * table; more through {@code META-INF/services/io.jnas.estimate.EstimatorProvider}.
 */
public interface EstimatorProvider {

    /** The name on the command line and the CSV column of the value. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The columns its scores fill: the value's column first, then named terms. */
    default List<String> columns() {
        return List.of(name());
    }

    /** Builds the estimator for the context's space; IllegalArgumentException when it cannot score that space. */
    <A> Estimator<A> create(EstimatorContext<A> context);

    /** Whether it reads the images of the spec's data set (false: a search gives it none, and loads none). */
    default boolean readsImages() {
        return true;
    }

    /**
     * A fit over a whole scored sample that gives this estimator's final value from its terms once every architecture
     * has them (MOTE's calibration of its two terms), or empty. A study applies it to every row of its sample and
     * reports the fit as {@code NAME_calibration}.
     */
    default java.util.Optional<SampleFit> sampleFit(EstimatorSpec spec) {
        return java.util.Optional.empty();
    }

    /** Fits a {@link Calibration} on a sample's columns. */
    @FunctionalInterface
    interface SampleFit {
        /** The calibration fitted on the sample, {@code column} giving each column's values in one order. */
        Calibration fit(java.util.function.Function<String, double[]> column);
    }

    /** A fitted calibration: a record (written as JSON) that turns one row's terms into the estimator's value. */
    interface Calibration {
        /** The value of the row whose columns are {@code row}. */
        double apply(java.util.Map<String, Double> row);
    }
}
