package io.jnas.cli;

import io.jnas.estimate.EstimatorSpec;
import java.util.List;
import picocli.CommandLine.Option;

/** The few-shot ranker's labels, shared by {@code estimate}, {@code search mote} and {@code search nat}. */
public final class LabelsMixin {
    @Option(names = "--labels", description = "Labelled architectures the fewshot estimator learns from (with fewshot).")
    Integer labels;
    @Option(names = "--label-source", defaultValue = "table", description = "table (the 12-epoch validation accuracy of "
            + "--table, never the test column) or csv:PATH (arch,accuracy) (default ${DEFAULT-VALUE}).")
    String source;
    @Option(names = "--label-draw", defaultValue = "random", description = "Which are labelled: random, random:K (seed K) "
            + "or spread (along the ensemble's ranking; estimate only) (default ${DEFAULT-VALUE}).")
    String draw;
    @Option(names = "--fewshot-features", split = ",", description = "In a search, the estimators computed per candidate "
            + "for the ranker (default naswot,synflow,jacov,params,flops); estimate reads its other columns.")
    List<String> features;

    /** The labels given, or null; {@code search}: the ranker computes its features per candidate. */
    EstimatorSpec.Labels get(boolean search) {
        if (labels == null) {
            return null;
        }
        if (!search && features != null) {
            throw new IllegalArgumentException("--fewshot-features applies to searches; jnas estimate's ranker reads the "
                    + "other --estimators of the study: drop --fewshot-features");
        }
        return new EstimatorSpec.Labels(labels, source, draw, search ? features != null ? features
                : EstimatorSpec.Labels.CHEAP : List.of());
    }
}
