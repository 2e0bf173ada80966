package io.jnas.experiment;

import io.jnas.engine.EngineSpec;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.search.StrategyConfig;
import io.jnas.search.EvolutionConfig;

/**
 * A search scored by an estimator ({@code jnas search mote}): a strategy asks, the estimator scores, and the result
 * is the best by the estimate or, after validating the top k, the best by validation.
 *
 * @param estimator the space, the estimator that scores (exactly one), data, MOTE settings, table
 * @param strategy the strategy and its settings (evolution, random, ...)
 * @param selection {@code best} (the best estimate; MOTE-NAS-EF) or {@code topk} (validate the k best)
 * @param k candidates validated by {@code topk}
 * @param validation the NAS-Bench-201 table column that validates (e.g. cifar10-val-12), or {@code trained} (the
 *        candidates trained for the spec's train epochs), for {@code topk}
 * @param engine where the candidates are scored (this process, worker processes, a Spark cluster)
 */
public record SearchRun(EstimatorSpec estimator, StrategyConfig strategy, String selection, int k, String validation,
        EngineSpec engine) implements RunConfig<SearchResult> {
    public SearchRun {
        engine = engine == null ? EngineSpec.IN_PROCESS : engine;
        if (estimator.estimators().size() != 1) {
            throw new IllegalArgumentException("a search is driven by one estimator, got " + estimator.estimators());
        }
        if (!selection.equals("best") && !selection.equals("topk")) {
            throw new IllegalArgumentException("selection must be best or topk, got '" + selection + "'");
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        if (selection.equals("topk") && validation.equals("trained")) {
            if (estimator.data() == null || estimator.trainEpochs() < 1) {
                throw new IllegalArgumentException("--validation trained trains each of the top " + k + " on --dataset for "
                        + "--validate-epochs epochs: give both");
            }
        } else if (selection.equals("topk") && estimator.table() == null) {
            throw new IllegalArgumentException("validating the top-" + k + " needs the accuracies of a NAS-Bench-201 table "
                    + "(give --table), or real training (--validation trained), or use --variant ef");
        }
    }

    /**
     * The search of MOTE-NAS's variant: {@code topk} (evolution, then the k best validated), {@code ef} (evolution,
     * the best estimate) or {@code rs} (random sampling, then topk); {@code strategy} (evolution or random) overrides
     * the variant's; {@code validateBy} is {@code table} (the 12-epoch validation column of {@code tableDataset}) or
     * {@code trained}.
     */
    public static SearchRun variant(String variant, String strategy, java.util.Map<String, String> options,
            EvolutionConfig evolution, EstimatorSpec spec, int k, String validateBy, String tableDataset, EngineSpec engine) {
        if (!validateBy.equals("table") && !validateBy.equals("trained")) {
            throw new IllegalArgumentException("--validation must be table or trained, got '" + validateBy + "'");
        }
        String validation = validateBy.equals("trained") ? "trained" : tableDataset + "-val-12";
        if (!java.util.List.of("topk", "ef", "rs").contains(variant)) {
            throw new IllegalArgumentException("--variant must be topk, ef or rs, got '" + variant + "'");
        }
        String name = strategy != null ? strategy : variant.equals("rs") ? "random" : "evolution";
        StrategyConfig s = io.jnas.search.Strategies.get(name).config(new io.jnas.search.StrategyOptions(evolution.budget(),
                evolution.seed(), java.util.List.of(evolution), options));
        return new SearchRun(spec, s, variant.equals("ef") ? "best" : "topk", k, validation, engine);
    }
}
