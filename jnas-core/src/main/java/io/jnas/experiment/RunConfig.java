package io.jnas.experiment;

/**
 * The configuration of one experiment's run, typed by what the run returns, so that
 * {@code Experiments.start(new TrainRun(...), dir, log)} is a {@link TrainResult} without a cast. Implemented by the
 * configuration records only ({@link TrainRun}, {@link EstimateRun}, {@link SearchRun}, ...).
 *
 * @param <R> the result record of a run of this configuration
 */
public interface RunConfig<R extends Record> {
}
