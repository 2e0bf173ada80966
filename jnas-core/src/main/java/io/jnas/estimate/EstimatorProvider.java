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

    /** Fails with the option to give when {@code spec} lacks what this estimator needs (checked before a run starts). */
    default void check(EstimatorSpec spec) {
    }

    /**
     * Whether it scores an architecture on its own (false: its values exist only once a whole sample is scored, as the
     * few-shot ranker's; search commands refuse it).
     */
    default boolean scoresAlone() {
        return true;
    }

    /** Whether it scores one architecture at a time with {@code spec} (by default {@link #scoresAlone()}). */
    default boolean scoresAlone(EstimatorSpec spec) {
        return scoresAlone();
    }

    /** Whether it reads the images of the spec's data set (false: a search gives it none, and loads none). */
    default boolean readsImages() {
        return true;
    }

    /**
     * A fit over a whole scored sample that gives this estimator's final values once every architecture has been
     * scored (MOTE's calibration of its two terms; the few-shot ranker trained on the labelled part), or empty. A
     * study applies it to its sample and reports the fit as {@code NAME_KIND} (e.g. {@code mote_calibration}).
     */
    default java.util.Optional<SampleFit> sampleFit(EstimatorSpec spec) {
        return java.util.Optional.empty();
    }

    /** Fits on a whole sample. */
    @FunctionalInterface
    interface SampleFit {
        Fitted fit(Sample sample);
    }

    /**
     * A scored sample.
     *
     * @param archs the architectures' text forms, one per row
     * @param columns the score columns (values and terms of every estimator of the study)
     * @param column a column's values by row (NaN where missing)
     * @param trainer labels architectures by training them (the few-shot ranker's {@code train} source), or null
     */
    record Sample(java.util.List<String> archs, java.util.List<String> columns,
            java.util.function.Function<String, double[]> column,
            java.util.function.Function<java.util.List<String>, java.util.Map<String, Double>> trainer) {
        /** A sample whose fits train nothing. */
        public Sample(java.util.List<String> archs, java.util.List<String> columns,
                java.util.function.Function<String, double[]> column) {
            this(archs, columns, column, null);
        }
    }

    /**
     * What a fit gives.
     *
     * @param values the estimator's value of each row
     * @param labelled per row, whether its label was used by the fit (null: no labels); a study measures the estimator
     *     on the other rows only
     * @param kind what kind of fit it is (calibration, ranker): names the summary in result.json and its own file
     * @param summary what was fitted (a record)
     */
    record Fitted(double[] values, boolean[] labelled, String kind, Record summary) {
    }
}
