package io.jnas.estimate;

import io.jnas.data.DataSpec;
import io.jnas.nn.kit.SpaceKits;
import java.util.List;

/**
 * What scoring an architecture needs, as data (config.yaml, or a task sent to another process): the space, the
 * estimators, the data, MOTE's settings, the NAS-Bench-201 table and the seed. {@link EstimatorContext#open} turns
 * it into estimators.
 *
 * @param space the space kit's name
 * @param estimators estimator names
 * @param data the images the estimators see (null: estimators that need none only)
 * @param mote MOTE's settings (used by mote, tse, short_acc)
 * @param table NAS-Bench-201 table file or folder (used by table), or null
 * @param tableColumn the table column scored by the table estimator, e.g. cifar10-test-200
 * @param seed seed of initialisations and batches
 * @param ensemble the ensemble estimator's members and rule (null: {@link RankEstimators#DEFAULT_MEMBERS}, mean)
 * @param supernet a trained super-network's folder (used by the supernet estimator), or null
 * @param trainEpochs epochs the trained estimator trains each candidate's network for (0: not used)
 */
public record EstimatorSpec(String space, List<String> estimators, DataSpec data, MoteSettings mote, String table,
        String tableColumn, long seed, Ensemble ensemble, String supernet, int trainEpochs) {

    /** A spec without a super-network or training. */
    public EstimatorSpec(String space, List<String> estimators, DataSpec data, MoteSettings mote, String table,
            String tableColumn, long seed, Ensemble ensemble) {
        this(space, estimators, data, mote, table, tableColumn, seed, ensemble, null, 0);
    }

    /** The same spec with other estimators. */
    public EstimatorSpec with(List<String> names) {
        return new EstimatorSpec(space, names, data, mote, table, tableColumn, seed, ensemble, supernet, trainEpochs);
    }

    /**
     * The ensemble estimator's members (estimator names or terms such as mote_landscape; a pool-dependent member such
     * as az_nas counts as its own aggregate) and how their ranks are combined (log or mean).
     */
    public record Ensemble(List<String> members, String rule) {
        public Ensemble {
            members = List.copyOf(members);
            if (members.isEmpty()) {
                throw new IllegalArgumentException("--ensemble needs at least one member");
            }
            Ranks.Rule.of(rule);
            members.forEach(RankEstimators::owner);
        }

        /** The ensemble of the options given (members null: the default members), or null when it is the default. */
        public static Ensemble given(List<String> members, String rule) {
            return members == null && rule.equals(RankEstimators.DEFAULT_RULE) ? null
                    : new Ensemble(members != null ? members : RankEstimators.DEFAULT_MEMBERS, rule);
        }
    }

    /** The ensemble as given, or the default. */
    public Ensemble ensembleOrDefault() {
        return ensemble != null ? ensemble : new Ensemble(RankEstimators.DEFAULT_MEMBERS, RankEstimators.DEFAULT_RULE);
    }

    public EstimatorSpec {
        estimators = List.copyOf(estimators);
        SpaceKits.get(space);
        if (estimators.isEmpty()) {
            throw new IllegalArgumentException("give at least one estimator (available: " + String.join(", ", Estimators.names())
                    + ")");
        }
        for (String e : estimators) {
            Estimators.get(e);
        }
    }
}
