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
 * @param labels the labels the few-shot ranker learns from (null: none)
 */
public record EstimatorSpec(String space, List<String> estimators, DataSpec data, MoteSettings mote, String table,
        String tableColumn, long seed, Ensemble ensemble, String supernet, int trainEpochs, Labels labels) {

    /** A spec without labels. */
    public EstimatorSpec(String space, List<String> estimators, DataSpec data, MoteSettings mote, String table,
            String tableColumn, long seed, Ensemble ensemble, String supernet, int trainEpochs) {
        this(space, estimators, data, mote, table, tableColumn, seed, ensemble, supernet, trainEpochs, null);
    }

    /** A spec without a super-network or training. */
    public EstimatorSpec(String space, List<String> estimators, DataSpec data, MoteSettings mote, String table,
            String tableColumn, long seed, Ensemble ensemble) {
        this(space, estimators, data, mote, table, tableColumn, seed, ensemble, null, 0);
    }

    /** The same spec with other estimators. */
    public EstimatorSpec with(List<String> names) {
        return new EstimatorSpec(space, names, data, mote, table, tableColumn, seed, ensemble, supernet, trainEpochs, labels);
    }

    /**
     * Accuracies the few-shot ranker learns from, which architectures carry them and what it reads of every architecture.
     *
     * @param count how many architectures are labelled
     * @param source {@code table} (the NAS-Bench-201 table's 12-epoch validation accuracy of --table-dataset, never
     *     the test column a study measures against), {@code csv:PATH} (a CSV of arch,accuracy: only its rows can be
     *     labelled, count is then the most used) or {@code train} (each labelled architecture's network trained for
     *     {@code epochs} epochs on the run's data, its accuracy on a held-out part of the training split:
     *     {@link TrainedLabels})
     * @param draw which architectures are labelled: {@code random} (a draw seeded by the run's seed), {@code random:K}
     *     (seeded by K, so that several draws label one scored sample) or {@code spread} (evenly spaced along the
     *     label-free ensemble's ranking of the sample, from a seeded offset; jnas estimate with the ensemble only)
     * @param features in a search, the estimators computed for every candidate and every labelled architecture (the
     *     ranker's inputs with the space's encoding and graph features); jnas estimate reads its other columns instead
     * @param epochs with the {@code train} source, the epochs each labelled architecture's network is trained for (else 0)
     */
    public record Labels(int count, String source, String draw, List<String> features, int epochs) {
        /** The search default of {@link #features}: the cheap proxies (about a second per NB201 cell on 2 cores). */
        public static final List<String> CHEAP = List.of("naswot", "synflow", "jacov", "params", "flops");
        /** The source that trains the labelled architectures. */
        public static final String TRAIN = "train";

        public Labels {
            if (count < 2) {
                throw new IllegalArgumentException("--labels must be >= 2, got " + count);
            }
            if (!source.equals("table") && !source.equals(TRAIN) && !source.startsWith("csv:")) {
                throw new IllegalArgumentException("--label-source must be table, train or csv:PATH, got '" + source + "'");
            }
            if (source.equals(TRAIN) && epochs < 1) {
                throw new IllegalArgumentException("--label-source train trains each labelled network: give --label-epochs E "
                        + ">= 1, got " + epochs);
            }
            if (!source.equals(TRAIN)) {
                epochs = 0;
            }
            if (!draw.equals("random") && !draw.equals("spread") && !draw.matches("random:\\d+")) {
                throw new IllegalArgumentException("--label-draw must be random, random:K (K a seed) or spread, got '" + draw + "'");
            }
            features = List.copyOf(features);
            features.forEach(Estimators::get);
            if (features.contains("fewshot")) {
                throw new IllegalArgumentException("--fewshot-features cannot hold fewshot itself");
            }
        }

        /** Labels of a table or a CSV (no training). */
        public Labels(int count, String source, String draw, List<String> features) {
            this(count, source, draw, features, 0);
        }

        /** A random draw, for jnas estimate (the ranker reads the study's other columns). */
        public Labels(int count, String source) {
            this(count, source, "random", List.of());
        }

        /** True when jnas trains the labelled architectures itself. */
        public boolean trained() {
            return source.equals(TRAIN);
        }

        /** True when the ranker scores architectures one at a time (a search): it computes {@link #features} itself. */
        public boolean online() {
            return !features.isEmpty();
        }
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

    /** Checks that every estimator has what it needs from this spec (IllegalArgumentException naming the option). */
    public EstimatorSpec checked() {
        for (String e : estimators) {
            Estimators.get(e).check(this);
        }
        return this;
    }

    /**
     * A builder of estimators on {@code space} as jnas estimate makes them: MOTE's cpu preset, the default ensemble, a
     * table's CIFAR-10 200-epoch test column, seed 0; data-driven estimators need {@link Builder#data}.
     */
    public static Builder builder(String space) {
        return new Builder(space);
    }

    /** The values an estimator spec is built from; what is not set takes jnas estimate's defaults. */
    public static final class Builder {
        private final String space;
        private List<String> estimators = List.of();
        private DataSpec data;
        private MoteSettings mote;
        private String table;
        private String tableColumn = Nb201Table.testColumn("cifar10", 200);
        private long seed;
        private Ensemble ensemble;
        private String supernet;
        private int trainEpochs;
        private Labels labels;

        private Builder(String space) {
            this.space = space;
        }

        /** The estimators, by name (jnas estimate --help lists them). */
        public Builder estimators(String... v) {
            estimators = List.of(v);
            return this;
        }

        /** The images the data-driven estimators read (none by default: enough for table, params, flops, macs). */
        public Builder data(DataSpec v) {
            data = v;
            return this;
        }

        /** MOTE's settings (default: {@link MoteSettings#cpu} without an encoder). */
        public Builder mote(MoteSettings v) {
            mote = v;
            return this;
        }

        /** A NAS-Bench-201 table (CSV or folder): the table estimator, and the truth of a study. */
        public Builder table(java.nio.file.Path v) {
            table = v.toString();
            return this;
        }

        /** The table's column taken as the truth. */
        public Builder tableColumn(String v) {
            tableColumn = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The ensemble's members and rule. */
        public Builder ensemble(Ensemble v) {
            ensemble = v;
            return this;
        }

        /** A trained super-network folder, for estimators that need one. */
        public Builder supernet(java.nio.file.Path v) {
            supernet = v.toString();
            return this;
        }

        /** Epochs of the trained estimator (real training of each candidate). */
        public Builder trainEpochs(int v) {
            trainEpochs = v;
            return this;
        }

        /** The labels of the few-shot ranker. */
        public Builder labels(Labels v) {
            labels = v;
            return this;
        }

        public EstimatorSpec build() {
            return new EstimatorSpec(space, estimators, data, mote != null ? mote : MoteSettings.cpu("none", seed), table,
                    tableColumn, seed, ensemble, supernet, trainEpochs, labels);
        }
    }
}
