package io.jnas.experiment;

/**
 * The demo ({@code jnas demo}): a label-free search, then a training of the cell it finds.
 *
 * @param search the search (its run is the demo's {@code search/})
 * @param train the training (its architecture is replaced by the one found; its run is {@code train/})
 */
public record DemoRun(DiffSearchRun search, TrainRun train) implements RunConfig<DemoResult> {
}
