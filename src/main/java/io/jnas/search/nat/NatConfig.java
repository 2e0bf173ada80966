package io.jnas.search.nat;

import java.util.List;

/**
 * Settings of the NAT / NATv2 loop (NAT, arXiv:2005.05859; NATv2, arXiv:2307.00960).
 *
 * @param policy natv2 (fixed-size archive with NSGA-III survival, integer encoding, space-filling
 *     initialisation) or nat (random initial archive that grows, one-hot encoding)
 * @param objectives error plus params and/or macs
 * @param archive archive size (natv2; reference 300) or initial archive (nat; reference 100)
 * @param iterations search iterations (reference 30)
 * @param candidates candidates evaluated per iteration (reference 25 natv2, 8 nat)
 * @param predictor accuracy predictor kind (gbt, rf, rbf, gp, mlp)
 * @param folds k of the k-fold predictor ensemble (reference 10)
 * @param population NSGA-III population on the predictor (reference 100)
 * @param generations NSGA-III generations (reference 20)
 * @param adaptEpochs super-network adaptation epochs per iteration (reference 5; 0 = off)
 * @param adaptTop archive members whose genes shape the adaptation's sampling (reference 150)
 * @param seed seed of every random choice of the loop
 */
public record NatConfig(String policy, List<String> objectives, int archive, int iterations, int candidates,
        String predictor, int folds, int population, int generations, int adaptEpochs, int adaptTop, long seed) {
    public NatConfig {
        objectives = List.copyOf(objectives);
        if (!policy.equals("natv2") && !policy.equals("nat")) {
            throw new IllegalArgumentException("--policy must be natv2 or nat, got '" + policy + "'");
        }
        if (objectives.isEmpty() || !objectives.get(0).equals("error")
                || !List.of("params", "macs").containsAll(objectives.subList(1, objectives.size()))
                || objectives.size() < 2 || objectives.stream().distinct().count() != objectives.size()) {
            throw new IllegalArgumentException("--objectives must be error followed by params and/or macs, got " + objectives);
        }
        if (archive < 4 || iterations < 0 || candidates < 1 || folds < 1 || population < 4 || generations < 1
                || adaptEpochs < 0 || adaptTop < 1) {
            throw new IllegalArgumentException("NAT needs archive >= 4, iterations >= 0, candidates >= 1, folds >= 1, "
                    + "population >= 4, generations >= 1");
        }
    }

    /** True for NATv2's policy. */
    public boolean v2() {
        return policy.equals("natv2");
    }
}
