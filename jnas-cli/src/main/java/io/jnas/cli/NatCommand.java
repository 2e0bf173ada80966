package io.jnas.cli;

import io.jnas.data.DataSpec;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Nb201Table;
import io.jnas.experiment.Experiments;
import io.jnas.experiment.NatRun;
import io.jnas.search.StrategyConfig;
import io.jnas.search.nat.NatConfig;
import io.jnas.train.ofa.SupernetSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code jnas search nat}: NATv2 / NAT over a super-network, or over any encoded space scored by an estimator. */
@Command(name = "nat", description = "NATv2 (or NAT): multi-objective search (error, params, MACs, latency) with a predictor and "
        + "NSGA-III, over an OFA/OFAv2 super-network or any space scored by an estimator (e.g. --space nb201 --table DIR).")
final class NatCommand implements Callable<Integer> {
    @Mixin
    DataMixin data;
    @Mixin
    PresetMixin preset;
    @Mixin
    SupernetMixin training;
    @Mixin
    MoteMixin mote;
    @Mixin
    LabelsMixin labels;
    @Mixin
    WorkersMixin workers;
    @Mixin
    RunOptions out;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Option(names = "--space", defaultValue = "ofav2", description = "ofa or ofav2 (a super-network scores), or a space scored "
            + "by --estimator, e.g. nb201 (default ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--estimator", description = "The estimator scoring a non-OFA space (default: table with --table).")
    String estimator;
    @Option(names = "--table", description = "NAS-Bench-201 table: its CIFAR-10 200-epoch test accuracy scores the cells.")
    String table;
    @Option(names = "--strategy", defaultValue = "nat", description = "nat, random or any declared strategy (default "
            + "${DEFAULT-VALUE}).")
    String strategy;
    @Option(names = "--strategy-option", description = "KEY=VALUE: a setting of a declared strategy; repeatable.")
    java.util.Map<String, String> strategyOptions = new java.util.LinkedHashMap<>();
    @Option(names = "--policy", defaultValue = "natv2", description = "natv2 or nat (the baseline) (default ${DEFAULT-VALUE}).")
    String policy;
    @Option(names = "--objectives", split = ",", defaultValue = "error,params,macs",
            description = "error followed by any of params, macs and latency (default ${DEFAULT-VALUE}).")
    List<String> objectives;
    @Option(names = "--supernet", description = "Trained super-network (jnas supernet train); its data and splits are used. "
            + "Without it a super-network is trained first (the data options and --parallel, ... as in jnas supernet train).")
    Path supernet;
    @Option(names = "--archive", description = "Archive size (natv2) or initial archive (nat) (cpu 30; paper 300 / 100).")
    Integer archive;
    @Option(names = "--iterations", description = "Iterations (cpu 5, paper 30).")
    Integer iterations;
    @Option(names = "--evaluations", defaultValue = "0", description = "Total evaluations; sets the iterations (0 = as given).")
    int evaluations;
    @Option(names = "--candidates", description = "Candidates per iteration (cpu 6; paper 25 natv2 / 8 nat).")
    Integer candidates;
    @Option(names = "--init", defaultValue = "spread", description = "NATv2's initial archive: spread (farthest-point over "
            + "params and MACs) or sorting (non-dominated sorting, as published) (default ${DEFAULT-VALUE}).")
    String init;
    @Option(names = "--fit", defaultValue = NatConfig.FIT, description = "What the predictor learns from: archive (its members, "
            + "as published) or history (every architecture scored so far) (default ${DEFAULT-VALUE}).")
    String fit;
    @Option(names = "--predictor", defaultValue = "gbt", description = "gbt, rf, rbf, gp or mlp (default ${DEFAULT-VALUE}).")
    String predictor;
    @Option(names = "--folds", description = "k-fold predictor ensemble (cpu 5, paper 10).")
    Integer folds;
    @Option(names = "--adapt-epochs", description = "Super-network adaptation epochs per iteration (cpu 1, paper 5; 0 = off).")
    Integer adaptEpochs;
    @Option(names = "--latency-runtime", defaultValue = "ort", description = "Runtime whose latency is predicted and "
            + "measured: ort or jnas (default ${DEFAULT-VALUE}).")
    String latencyRuntime;
    @Option(names = "--latency-batch", defaultValue = "1", description = "Images per call (default ${DEFAULT-VALUE}).")
    int latencyBatch;
    @Option(names = "--latency-threads", defaultValue = "1", description = "Runtime threads (default ${DEFAULT-VALUE}).")
    int latencyThreads;
    @Option(names = "--latency-cells", defaultValue = "" + io.jnas.latency.LatencyModels.CELLS, description = "Measured "
            + "cells a cell space's latency model is fitted on (nb201; default ${DEFAULT-VALUE}).")
    int latencyCells;
    @Option(names = "--latency-spread", defaultValue = "" + io.jnas.latency.MeasureOptions.SPREAD, description = "Seconds "
            + "the latency model's and the front's measurement passes span at least (default ${DEFAULT-VALUE}; see jnas "
            + "latency --help).")
    double latencySpread;
    @Option(names = "--latency-statistic", defaultValue = io.jnas.latency.MeasureOptions.STATISTIC, description = "A "
            + "measurement's latency: min (fastest call) or median (default ${DEFAULT-VALUE}; see jnas latency --help).")
    String latencyStatistic;
    @Option(names = "--max-latency", defaultValue = "0", description = "MS: candidates predicted slower are not proposed "
            + "(default ${DEFAULT-VALUE}: no limit).")
    double maxLatency;
    @Option(names = "--features", split = ",", description = "More predictor inputs: graph (the space's graph features) "
            + "and estimators' values, e.g. graph,naswot,synflow,jacov (see --pool, --pool-scores).")
    List<String> features;
    @Option(names = "--pool", defaultValue = "0", description = "Architectures scored with the --features estimators in "
            + "the run, the search choosing among them; 0: computed for the ones it shortlists (default ${DEFAULT-VALUE}).")
    int pool;
    @Option(names = "--pool-scores", description = "A jnas estimate scores.csv: its architectures are the pool, its "
            + "columns the estimators' values (nothing is scored again).")
    String poolScores;
    @Option(names = "--export", defaultValue = "5", description = "Front subnets exported with weights (default ${DEFAULT-VALUE}).")
    int export;

    @Override
    public Integer call() throws Exception {
        boolean onSupernet = SupernetSpec.SPACES.contains(space);
        NatConfig nat = NatConfig.preset(preset.paper(), policy, objectives, archive, iterations, candidates, predictor, folds,
                onSupernet ? adaptEpochs : Integer.valueOf(0), evaluations, init, fit, out.seed);
        StrategyConfig s = NatRun.strategy(strategy, nat, strategyOptions);
        NatRun run;
        if (onSupernet) {
            run = new NatRun(s, objectives, null, supernet(), export, workers.spec(), latency(),
                    features == null ? null : new NatRun.Features(features, pool, poolScores));
        } else {
            String e = NatRun.estimatorFor(space, estimator, table);
            NatRun.Features f = features == null ? null : new NatRun.Features(features, pool, poolScores);
            DataSpec images = NatRun.readsImages(e, f, labels.get(true, workers.spec())) ? data.spec(out.seed, 0) : null;
            run = new NatRun(s, objectives, new EstimatorSpec(space, List.of(e), images,
                    mote.settings(preset.paper(), out.seed), table, Nb201Table.testColumn("cifar10", 200), out.seed,
                    mote.ensemble(), null, 0, labels.get(true, workers.spec())), null, export, workers.spec(), latency(), f);
        }
        out.result(Experiments.start(run, out.dir("search-nat"), out::info));
        return 0;
    }

    /** The latency settings when latency is an objective or bounded, else null. */
    private NatRun.Latency latency() {
        return objectives.contains("latency") || maxLatency != 0
                ? new NatRun.Latency(latencyRuntime, latencyBatch, latencyThreads, maxLatency, latencyCells,
                        latencySpread, latencyStatistic) : null;
    }

    private NatRun.Supernet supernet() throws Exception {
        // adaptation: 4 subnets per step (reference); 2 in the cpu preset, where it dominates the search time
        int subnets = preset.paper() ? 4 : 2;
        if (supernet == null) {
            SupernetSpec train = training.spec(space, preset.paper(), data, out.seed);
            return new NatRun.Supernet(null, train, 2.5e-3, 3e-4, subnets);
        }
        java.util.Set<String> given = new java.util.HashSet<>();
        spec.commandLine().getParseResult().matchedOptions().forEach(o -> given.add(o.longestName()));
        return NatRun.Supernet.given(supernet, given, SupernetMixin.NAMES, space, data.dataset, subnets);
    }
}
