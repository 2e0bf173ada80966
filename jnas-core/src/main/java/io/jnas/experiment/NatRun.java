package io.jnas.experiment;

import io.jnas.estimate.EstimatorSpec;
import io.jnas.search.StrategyConfig;
import io.jnas.train.ofa.SupernetSpec;
import java.util.List;

/**
 * A multi-objective search ({@code jnas search nat}): error, params and/or MACs, by NAT / NATv2 (or a baseline
 * strategy), over any integer-encoded space. Candidates are scored either by an estimator (e.g. a NAS-Bench-201
 * table) or on a trained OFA / OFAv2 super-network with inherited weights.
 *
 * @param strategy the strategy and its settings (nat, random)
 * @param objectives error followed by params and/or macs
 * @param estimator the estimator that scores, or null to score on a super-network
 * @param supernet the super-network that scores, or null to score with the estimator
 * @param export front members exported with their weights (super-network scoring)
 * @param engine where candidates are scored (this process, worker processes, a Spark cluster); a super-network's
 *        current weights travel with the tasks
 * @param latency how latency is predicted and measured, and its limit, or null for a search without latency
 */
public record NatRun(StrategyConfig strategy, List<String> objectives, EstimatorSpec estimator, Supernet supernet,
        int export, io.jnas.engine.EngineSpec engine, Latency latency, Features features) implements RunConfig<NatResult> {

    /** A search without extra predictor features. */
    public NatRun(StrategyConfig strategy, List<String> objectives, EstimatorSpec estimator, Supernet supernet, int export,
            io.jnas.engine.EngineSpec engine, Latency latency) {
        this(strategy, objectives, estimator, supernet, export, engine, latency, null);
    }

    /** A search without latency. */
    public NatRun(StrategyConfig strategy, List<String> objectives, EstimatorSpec estimator, Supernet supernet, int export,
            io.jnas.engine.EngineSpec engine) {
        this(strategy, objectives, estimator, supernet, export, engine, null);
    }

    public NatRun {
        if (latency == null && objectives.contains("latency")) {
            throw new IllegalArgumentException("--objectives latency needs the latency settings (runtime, batch, threads)");
        }
        objectives = List.copyOf(objectives);
        engine = engine == null ? io.jnas.engine.EngineSpec.IN_PROCESS : engine;
        if ((estimator == null) == (supernet == null)) {
            throw new IllegalArgumentException("a NAT search scores either with an estimator or on a super-network");
        }
        if (estimator != null && estimator.estimators().size() != 1) {
            throw new IllegalArgumentException("a NAT search is scored by one estimator, got " + estimator.estimators());
        }
        if (features != null && supernet != null) {
            throw new IllegalArgumentException("--features applies to a space scored by an estimator (e.g. --space nb201 "
                    + "--table DIR); a super-network's subnets have no proxies in jnas yet: drop --features");
        }
        if (export < 0) {
            throw new IllegalArgumentException("--export must be >= 0, got " + export);
        }
    }

    /**
     * The strategy {@code name}, any registered one, with NAT's budget and seed, the NAT settings search nat built, and
     * the user's named options.
     */
    public static StrategyConfig strategy(String name, io.jnas.search.nat.NatConfig nat, java.util.Map<String, String> options) {
        return io.jnas.search.Strategies.get(name).config(new io.jnas.search.StrategyOptions(nat.budget(), nat.seed(),
                java.util.List.of(nat), options));
    }

    /** The estimator that scores a space without a super-network: the one given, else the table when one is given. */
    public static String estimatorFor(String space, String estimator, String table) {
        if (estimator == null && table == null) {
            throw new IllegalArgumentException("search nat --space " + space + " needs --table (NAS-Bench-201) or --estimator");
        }
        return estimator != null ? estimator : "table";
    }

    /** True when scoring with {@code estimator}, the {@code features} and the {@code labels} (or null) reads images. */
    public static boolean readsImages(String estimator, Features features, EstimatorSpec.Labels labels) {
        java.util.function.Predicate<String> reads = n -> io.jnas.estimate.Estimators.get(n).readsImages();
        return reads.test(estimator) || features != null && features.readsImages()
                || labels != null && (labels.trained() || labels.features().stream().anyMatch(reads));
    }

    /**
     * Extra inputs of the search's predictor ({@code --features}): {@code graph} (the space's graph features) and
     * estimators' values (a column of a scores.csv, or every column of an estimator), the latter known for a pool.
     *
     * @param names the features
     * @param pool architectures scored in the run when no {@code poolScores} is given; 0: none, the estimators are
     *     computed on demand for the architectures the search evaluates and shortlists
     * @param poolScores a scores.csv of jnas estimate whose architectures are the pool, or null
     */
    public record Features(List<String> names, int pool, String poolScores) {
        public Features {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("--features needs at least one name: graph or estimators, e.g. graph,ensemble");
            }
            if (pool < 0 || pool > 0 && pool < 10) {
                throw new IllegalArgumentException("--pool must be 0 (estimators computed for the architectures the search "
                        + "shortlists) or >= 10, got " + pool);
            }
            if (poolScores != null && !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(poolScores))) {
                throw new IllegalArgumentException("--pool-scores " + poolScores + ": no such file (the scores.csv of a "
                        + "jnas estimate run)");
            }
        }

        /** True when a feature reads images (an estimator scored in the run that needs data). */
        public boolean readsImages() {
            return poolScores == null && names.stream().anyMatch(n -> !n.equals(NatFeatures.GRAPH)
                    && io.jnas.estimate.Estimators.names().contains(n) && io.jnas.estimate.Estimators.get(n).readsImages());
        }
    }

    /**
     * Latency in a search: the device's latency model predicts it for every candidate (built or completed by
     * measurement before the search starts, stored in the cache), and every member of the final front is measured.
     *
     * @param runtime ort or jnas
     * @param batch images per call
     * @param threads runtime threads
     * @param maxMs candidates predicted slower than this are not proposed (0: no limit)
     * @param cells measured cells a cell space's model is fitted on (0, as in configs written before it existed: the
     *     default {@link io.jnas.latency.LatencyModels#CELLS})
     * @param spread seconds the model's and the front's spread measurements span at least (null, as in configs written
     *     before it existed: {@link io.jnas.latency.MeasureOptions#SPREAD})
     * @param statistic a session's latency, min or median (null, as in configs written before it existed: median, what
     *     they were measured with)
     */
    public record Latency(String runtime, int batch, int threads, double maxMs, int cells, Double spread, String statistic) {
        /** A search at the default cell count, span and statistic. */
        public Latency(String runtime, int batch, int threads, double maxMs) {
            this(runtime, batch, threads, maxMs, io.jnas.latency.LatencyModels.CELLS, io.jnas.latency.MeasureOptions.SPREAD,
                    io.jnas.latency.MeasureOptions.STATISTIC);
        }

        public Latency {
            measure(runtime, batch, threads); // checks the values
            if (cells < 0) {
                throw new IllegalArgumentException("--latency-cells must be >= 1, got " + cells);
            }
            cells = cells == 0 ? io.jnas.latency.LatencyModels.CELLS : cells;
            spread = spread == null ? io.jnas.latency.MeasureOptions.SPREAD : spread;
            statistic = statistic == null ? "median" : statistic;
            if (!(spread >= 0 && spread <= 3600)) { // named as the search's options, not jnas latency's
                throw new IllegalArgumentException("--latency-spread must be between 0 and 3600 seconds, got " + spread);
            }
            if (!io.jnas.latency.MeasureOptions.STATISTICS.contains(statistic)) {
                throw new IllegalArgumentException("--latency-statistic must be min or median, got '" + statistic + "'");
            }
            if (maxMs < 0 || !Double.isFinite(maxMs)) {
                throw new IllegalArgumentException("--max-latency must be a positive number of milliseconds, got " + maxMs);
            }
        }

        private static io.jnas.latency.MeasureOptions measure(String runtime, int batch, int threads) {
            return io.jnas.latency.MeasureOptions.defaults().with(runtime, batch, threads);
        }

        private static io.jnas.latency.MeasureOptions measure(String runtime, int batch, int threads, double spread,
                String statistic) {
            io.jnas.latency.MeasureOptions o = measure(runtime, batch, threads);
            return new io.jnas.latency.MeasureOptions(o.runtime(), o.batch(), o.threads(), o.warmup(), o.repeats(), spread,
                    statistic);
        }

        /** How each latency is measured. */
        public io.jnas.latency.MeasureOptions measure() {
            return measure(runtime, batch, threads, spread, statistic);
        }
    }

    /**
     * Scoring on a super-network.
     *
     * @param dir a trained super-network's folder, or null to train one first (in the run's {@code supernet/})
     * @param train the super-network to train first when {@code dir} is null
     * @param adaptLr adaptation SGD learning rate (reference 2.5e-3)
     * @param adaptWd adaptation weight decay (reference 3e-4)
     * @param adaptSubnets subnets per adaptation step (reference 4)
     */
    public record Supernet(String dir, SupernetSpec train, double adaptLr, double adaptWd, int adaptSubnets) {
        public Supernet {
            if ((dir == null) == (train == null)) {
                throw new IllegalArgumentException("a super-network is either given (--supernet) or trained first, not both");
            }
        }

        /**
         * A trained super-network given with --supernet: options that would train it or load data differently are
         * refused, not silently ignored.
         *
         * @param given the command-line options the user gave
         * @param training the options that set how a super-network is trained
         */
        public static Supernet given(java.nio.file.Path dir, java.util.Set<String> given, java.util.List<String> training,
                String space, String dataset, int adaptSubnets) throws java.io.IOException {
            SupernetSpec trained = io.jnas.train.ofa.TrainedSupernet.specIn(dir);
            for (String o : training) {
                if (given.contains(o)) {
                    throw new IllegalArgumentException(o + " sets how a super-network is trained; with --supernet " + dir
                            + " that run's settings are used (drop " + o + ")");
                }
            }
            if (given.contains("--space") && !space.equals(trained.space())) {
                throw new IllegalArgumentException("--space " + space + " does not match the " + trained.space()
                        + " super-network " + dir + "; drop --space");
            }
            for (String o : java.util.List.of("--dataset", "--data", "--size", "--train-size", "--test-size", "--download")) {
                if (given.contains(o) && !(o.equals("--dataset") && dataset.equals(trained.data().dataset()))) {
                    throw new IllegalArgumentException(o + " does not apply with --supernet: the search uses the data and "
                            + "splits of " + dir + " (" + trained.data().dataset() + "); drop " + o);
                }
            }
            return new Supernet(dir.toString(), null, 2.5e-3, 3e-4, adaptSubnets);
        }
    }
}
