package io.jnas.search.nat;

import io.jnas.estimate.predict.Predictor;
import io.jnas.search.StrategyConfig;
import io.jnas.search.StrategyProvider;
import io.jnas.space.CostModel;
import io.jnas.space.EncodedSpace;
import io.jnas.space.SearchSpace;
import java.util.List;

/**
 * Settings of the NAT / NATv2 loop (NAT, arXiv:2005.05859; NATv2, arXiv:2307.00960).
 *
 * @param policy natv2 (fixed-size archive with NSGA-III survival, integer encoding, space-filling
 *     initialisation) or nat (random initial archive that grows, one-hot encoding)
 * @param objectives error plus any of params, macs and latency (predicted by the search's latency model)
 * @param archive archive size (natv2; reference 300) or initial archive (nat; reference 100)
 * @param iterations search iterations (reference 30)
 * @param candidates candidates evaluated per iteration (reference 25 natv2, 8 nat)
 * @param predictor accuracy predictor kind (gbt, rf, rbf, gp, mlp)
 * @param folds k of the k-fold predictor ensemble (reference 10)
 * @param population NSGA-III population on the predictor (reference 100)
 * @param generations NSGA-III generations (reference 20)
 * @param adaptEpochs super-network adaptation epochs per iteration (reference 5; 0 = off)
 * @param adaptTop archive members whose genes shape the adaptation's sampling (reference 150)
 * @param evaluations most architectures scored in all (the last iteration proposes fewer); 0 = archive + iterations
 *     × candidates
 * @param init NATv2's initial archive: spread (farthest-point over the cheap objectives; ours) or sorting (as published)
 * @param fit what the predictor learns from: archive (the archive's members, as published) or history (every
 *     architecture scored so far; on NAS-Bench-201 no better in the median, docs/results.md)
 * @param seed seed of every random choice of the loop
 */
public record NatConfig(String policy, List<String> objectives, int archive, int iterations, int candidates,
        String predictor, int folds, int population, int generations, int adaptEpochs, int adaptTop, int evaluations,
        String init, String fit, long seed) implements StrategyConfig {
    public NatConfig {
        objectives = List.copyOf(objectives);
        // a run started before this setting existed resumes as it ran
        fit = fit == null ? "archive" : fit;
        if (!fit.equals("history") && !fit.equals("archive")) {
            throw new IllegalArgumentException("--fit must be history or archive, got '" + fit + "'");
        }
        if (!List.of(Predictor.KINDS).contains(predictor)) {
            throw new IllegalArgumentException("unknown predictor '" + predictor + "' (allowed: " + String.join(", ", Predictor.KINDS)
                    + ")");
        }
        if (!init.equals("spread") && !init.equals("sorting")) {
            throw new IllegalArgumentException("--init must be spread or sorting, got '" + init + "'");
        }
        if (!policy.equals("natv2") && !policy.equals("nat")) {
            throw new IllegalArgumentException("--policy must be natv2 or nat, got '" + policy + "'");
        }
        if (objectives.isEmpty() || !objectives.get(0).equals("error")
                || !List.of("params", "macs", "latency").containsAll(objectives.subList(1, objectives.size()))
                || objectives.size() < 2 || objectives.stream().distinct().count() != objectives.size()) {
            throw new IllegalArgumentException("--objectives must be error followed by any of params, macs and latency, got "
                    + objectives);
        }
        if (archive < 4 || iterations < 0 || candidates < 1 || folds < 1 || population < 4 || generations < 1
                || adaptEpochs < 0 || adaptTop < 1 || evaluations < 0 || (evaluations > 0 && evaluations < archive)) {
            throw new IllegalArgumentException("NAT needs archive >= 4, iterations >= 0, candidates >= 1, folds >= 1, "
                    + "population >= 4, generations >= 1 and evaluations 0 or >= the archive, got archive " + archive
                    + ", evaluations " + evaluations);
        }
    }

    /** The default of {@code fit}. */
    public static final String FIT = "archive";

    /** True for NATv2's policy. */
    public boolean v2() {
        return policy.equals("natv2");
    }

    /** Architectures a full run scores: the initial archive plus each iteration's candidates, at most {@code evaluations}. */
    @Override
    public int budget() {
        int all = archive + iterations * candidates;
        return evaluations > 0 ? Math.min(evaluations, all) : all;
    }

    /**
     * The settings of a preset with the values given (null: the preset's): cpu (archive 30, 5 iterations of 6
     * candidates, 5 folds, NSGA-III 40 × 10, 1 adaptation epoch, adaptation sampler from the best 15) or paper (NATv2:
     * archive 300 and 25 candidates; NAT: 100 and 8; 30 iterations, 10 folds, NSGA-III 100 × 20, 5 adaptation epochs,
     * best 150). {@code evaluations} > 0 sets the iterations that budget needs.
     */
    public static NatConfig preset(boolean paper, String policy, List<String> objectives, Integer archive, Integer iterations,
            Integer candidates, String predictor, Integer folds, Integer adaptEpochs, int evaluations, String init, String fit,
            long seed) {
        boolean v2 = policy.equals("natv2");
        int a = archive != null ? archive : paper ? (v2 ? 300 : 100) : 30;
        int c = candidates != null ? candidates : paper ? (v2 ? 25 : 8) : 6;
        int it = evaluations > 0 ? iterationsFor(evaluations, a, c) : iterations != null ? iterations : paper ? 30 : 5;
        return new NatConfig(policy, objectives, a, it, c, predictor, folds != null ? folds : paper ? 10 : 5, paper ? 100 : 40,
                paper ? 20 : 10, adaptEpochs != null ? adaptEpochs : paper ? 5 : 1, paper ? 150 : 15, evaluations, init, fit, seed);
    }

    /** The iterations that {@code evaluations} evaluations need with this archive and number of candidates. */
    public static int iterationsFor(int evaluations, int archive, int candidates) {
        return Math.max(0, (evaluations - archive + candidates - 1) / candidates);
    }

    @Override
    public java.util.Map<String, Object> summary() {
        return java.util.Map.of("policy", policy);
    }

    @Override
    public <A> NatSearch<A> create(SearchSpace<A> space, CostModel<A> cost) {
        if (!(space instanceof EncodedSpace<A> encoded)) {
            throw new IllegalArgumentException("the nat strategy needs an integer-encoded space; '" + space.name()
                    + "' is not one");
        }
        return new NatSearch<>(encoded, this, cost);
    }

    /** Declares the strategy "nat" (both policies). */
    public static final class Provider implements StrategyProvider {
        @Override
        public String name() {
            return "nat";
        }

        @Override
        public String description() {
            return "NAT / NATv2: NSGA-III on an accuracy predictor, error vs params vs MACs (--policy natv2|nat)";
        }

        @Override
        public Class<? extends StrategyConfig> configType() {
            return NatConfig.class;
        }

        /** The NAT settings search nat built from its options (--policy, --archive, --predictor, ...). */
        @Override
        public StrategyConfig config(io.jnas.search.StrategyOptions o) {
            o.allow(name());
            return o.preset(NatConfig.class).orElseThrow(() -> new IllegalArgumentException("strategy nat takes its settings "
                    + "from search nat's options (--policy, --archive, --predictor, ...): use it with jnas search nat"));
        }
    }

    /**
     * A builder of NAT settings as search nat's options make them: the cpu preset of NATv2 (error, params and MACs, the
     * gbt predictor, spread initialisation, seed 0) unless told otherwise; what is not set comes from the preset.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The values a NAT search is built from; null keeps the preset's. */
    public static final class Builder {
        private boolean paper;
        private String policy = "natv2";
        private List<String> objectives = List.of("error", "params", "macs");
        private Integer archive;
        private Integer iterations;
        private Integer candidates;
        private String predictor = "gbt";
        private Integer folds;
        private Integer adaptEpochs;
        private int evaluations;
        private String init = "spread";
        private String fit = FIT;
        private long seed;

        private Builder() {
        }

        /** The paper preset (NATv2 archive 300, 25 candidates, 30 iterations, ...) instead of the cpu one. */
        public Builder paper(boolean v) {
            paper = v;
            return this;
        }

        public Builder policy(String v) {
            policy = v;
            return this;
        }

        public Builder objectives(String... v) {
            objectives = List.of(v);
            return this;
        }

        public Builder archive(int v) {
            archive = v;
            return this;
        }

        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        public Builder candidates(int v) {
            candidates = v;
            return this;
        }

        public Builder predictor(String v) {
            predictor = v;
            return this;
        }

        public Builder folds(int v) {
            folds = v;
            return this;
        }

        /** Super-network adaptation epochs per iteration (0 where an estimator scores). */
        public Builder adaptEpochs(int v) {
            adaptEpochs = v;
            return this;
        }

        /** The total number of evaluations; sets the iterations that need. */
        public Builder evaluations(int v) {
            evaluations = v;
            return this;
        }

        public Builder init(String v) {
            init = v;
            return this;
        }

        /** What the predictor learns from: history or archive. */
        public Builder fit(String v) {
            fit = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public NatConfig build() {
            return preset(paper, policy, objectives, archive, iterations, candidates, predictor, folds, adaptEpochs, evaluations,
                    init, fit, seed);
        }
    }
}
