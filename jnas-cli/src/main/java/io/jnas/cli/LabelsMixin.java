package io.jnas.cli;

import io.jnas.estimate.EstimatorSpec;
import java.util.List;
import picocli.CommandLine.Option;

/** The few-shot ranker's labels, shared by {@code estimate}, {@code search mote} and {@code search nat}. */
public final class LabelsMixin {
    @Option(names = "--labels", description = "Labelled architectures the fewshot estimator learns from (with fewshot).")
    Integer labels;
    @Option(names = "--label-source", defaultValue = "table", description = "table (the 12-epoch validation accuracy of "
            + "--table, never the test column), train (each labelled network trained --label-epochs epochs on --dataset, "
            + "accuracy on a held-out 10 %% of its training split) or csv:PATH (arch,accuracy) (default ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--label-epochs", defaultValue = "12", description = "Epochs of --label-source train (NAS-Bench-201's "
            + "recipe; default ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--label-draw", defaultValue = "random", description = "Which are labelled: random, random:K (seed K) "
            + "or spread (along the ensemble's ranking; estimate only) (default ${DEFAULT-VALUE}).")
    String draw;
    @Option(names = "--fewshot-features", split = ",", description = "In a search, the estimators computed per candidate "
            + "for the ranker (default naswot,synflow,jacov,params,flops); estimate reads its other columns.")
    List<String> features;

    /** The labels given, or null; {@code search}: the ranker computes its features per candidate. */
    EstimatorSpec.Labels get(boolean search) {
        return get(search, null);
    }

    /** As {@link #get(boolean)}, for a search on {@code engine} (a search trains labels in its own process only). */
    EstimatorSpec.Labels get(boolean search, io.jnas.engine.EngineSpec engine) {
        if (labels == null) {
            return null;
        }
        if (search && source.equals(EstimatorSpec.Labels.TRAIN) && engine != null && !io.jnas.engine.Engines.here(engine)) {
            throw new IllegalArgumentException("--label-source train: a search trains its labelled networks in its own "
                    + "process; drop --workers/--engine, or label once with jnas estimate and pass csv:RUN/"
                    + io.jnas.estimate.TrainedLabels.FILE);
        }
        if (!search && features != null) {
            throw new IllegalArgumentException("--fewshot-features applies to searches; jnas estimate's ranker reads the "
                    + "other --estimators of the study: drop --fewshot-features");
        }
        return new EstimatorSpec.Labels(labels, source, draw, search ? features != null ? features
                : EstimatorSpec.Labels.CHEAP : List.of(), source.equals(EstimatorSpec.Labels.TRAIN) ? epochs : 0);
    }
}
