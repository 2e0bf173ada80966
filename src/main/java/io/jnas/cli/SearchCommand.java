package io.jnas.cli;

import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;
import io.jnas.run.RunDir;
import io.jnas.search.darts.SearchConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas search}: architecture search. */
@Command(name = "search", description = "Search for an architecture.",
        subcommands = {SearchCommand.MaeNas.class, SearchCommand.Darts.class, SearchCommand.Mote.class, SearchCommand.Nat.class})
public final class SearchCommand {

    /** Options shared by the differentiable searches. */
    abstract static class Differentiable implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        Output out;
        @Option(names = "--space", defaultValue = "nb201", description = "darts or nb201 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--preset", defaultValue = "cpu",
                description = "cpu (minutes on 2 cores: data subset, small supernet) or paper (the spec's values).")
        String preset;
        @Option(names = "--epochs", description = "Search epochs (paper 50).")
        Integer epochs;
        @Option(names = "--channels", description = "Initial channels C (paper 16).")
        Integer channels;
        @Option(names = "--layers", description = "DARTS cells (paper 8) or NAS-Bench-201 cells per stage (paper 5).")
        Integer layers;
        @Option(names = "--batch", description = "Batch size (paper 64).")
        Integer batch;
        @Option(names = "--lr", defaultValue = "0.025", description = "Weight learning rate (cosine to 0.001).")
        double lr;
        @Option(names = "--alpha-lr", defaultValue = "3e-4", description = "α Adam learning rate.")
        double alphaLr;
        @Option(names = "--partial-channels", defaultValue = "1", description = "PC-DARTS K (1 = off, 4 = PC-DARTS).")
        int partial;
        @Option(names = "--aux-skip", description = "DARTS-: auxiliary skip with β decaying 1 → 0.")
        boolean auxSkip;
        @Option(names = "--table", description = "NAS-Bench-201 table (CSV or folder) for the derived cell's true accuracy.")
        String table;
        @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
        String tableDataset;
        @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--out", description = "Run directory (default runs/search-<time>-s<seed>).")
        Path outDir;

        abstract String objective();

        abstract MaeObjective.Config mae();

        @Override
        public Integer call() throws Exception {
            boolean paper = switch (preset) {
                case "paper" -> true;
                case "cpu" -> false;
                default -> throw new UserError("--preset must be cpu or paper, got '" + preset + "'");
            };
            // cpu preset, measured on 2 cores (docs/results.md): NB201 C=8, 1 cell per stage, 4,000 images,
            // 15 epochs ≈ 4 min; DARTS C=8, 5 cells, 2,000 images, 8 epochs ≈ 13 min
            boolean darts = space.equals("darts");
            if (data.trainSize == 0 && !paper) {
                data.trainSize = darts ? 2000 : 4000;
            }
            SearchConfig cfg;
            try {
                int c = channels != null ? channels : paper ? 16 : 8;
                int l = layers != null ? layers : darts ? (paper ? 8 : 5) : (paper ? 5 : 1);
                int e = epochs != null ? epochs : paper ? 50 : darts ? 8 : 15;
                cfg = new SearchConfig(space, objective(), mae(), c, l, e,
                        batch != null ? batch : paper ? 64 : 32, lr, 0.001, 0.9, 3e-4, 5.0, alphaLr, 1e-3,
                        new SearchOptions(partial, auxSkip), true, seed);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            SearchJob job = new SearchJob(cfg, data.spec(seed), table, tableDataset);
            Path dir = outDir != null ? outDir : RunDir.defaultPath("search-" + objective() + "-" + space, seed);
            out.result(job.start(dir, out));
            return 0;
        }
    }

    @Command(name = "mae-nas", description = "Label-free differentiable search by masked-image reconstruction (MAE-NAS).")
    static final class MaeNas extends Differentiable {
        @Option(names = "--mask-ratio", defaultValue = "0.5", description = "Fraction of patches masked (default ${DEFAULT-VALUE}).")
        double maskRatio;
        @Option(names = "--patch", defaultValue = "4", description = "Patch size in pixels (default ${DEFAULT-VALUE}).")
        int patch;
        @Option(names = "--decoder", defaultValue = "hierarchical", description = "hierarchical or plain (default ${DEFAULT-VALUE}).")
        String decoder;
        @Option(names = "--remask", negatable = true,
                description = "Re-apply the mask to every feature map (SparK). Default: on with the hierarchical decoder, "
                        + "off with the plain one, whose 1x1 decoder would otherwise see nothing at masked positions.")
        Boolean remask;
        @Option(names = "--norm-pix", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Normalise each target patch.")
        boolean normPix;

        @Override
        String objective() {
            return "mae";
        }

        @Override
        MaeObjective.Config mae() {
            if (!decoder.equals("hierarchical") && !decoder.equals("plain")) {
                throw new UserError("--decoder must be hierarchical or plain, got '" + decoder + "'");
            }
            try {
                boolean hierarchical = decoder.equals("hierarchical");
                // with re-masking, F3 holds only the mask token at masked positions; a 1x1 decoder then has no
                // context to reconstruct from (measured: loss stays at 1.0 and α never moves), so the plain
                // ablation lets the encoder carry context into masked positions, as SimMIM's encoder does
                return new MaeObjective.Config(maskRatio, patch, hierarchical, remask != null ? remask : hierarchical, normPix);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    @Command(name = "darts", description = "Supervised differentiable search (the DARTS baseline, first order).")
    static final class Darts extends Differentiable {
        @Override
        String objective() {
            return "supervised";
        }

        @Override
        MaeObjective.Config mae() {
            return new MaeObjective.Config(0.5, 4, true, true, true);
        }
    }

    @Command(name = "mote", description = "MOTE-NAS: evolutionary search on NAS-Bench-201 scored by the MOTE estimate.")
    static final class Mote implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        Output out;
        @Option(names = "--space", defaultValue = "nb201", description = "nb201 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--variant", defaultValue = "topk", description = "topk, ef (evaluation-free) or rs (random sampling).")
        String variant;
        @Option(names = "--k", defaultValue = "10", description = "Top-k validated (default ${DEFAULT-VALUE}).")
        int k;
        @Option(names = "--iterations", defaultValue = "10", description = "Evolution iterations (default ${DEFAULT-VALUE}).")
        int iterations;
        @Option(names = "--initial", defaultValue = "10", description = "Random architectures seeding the pool.")
        int initial;
        @Option(names = "--parents", defaultValue = "0.1", description = "Fraction of the pool used as parents (reference code: 0.01).")
        double parents;
        @Option(names = "--table", description = "NAS-Bench-201 table: true accuracy, and 12-epoch validation for topk/rs.")
        String table;
        @Option(names = "--table-dataset", defaultValue = "cifar10", description = "cifar10, cifar100 or imagenet16.")
        String tableDataset;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--out", description = "Run directory (default runs/search-mote-<time>-s<seed>).")
        Path outDir;
        @Option(names = "--preset", defaultValue = "cpu", description = "cpu or paper.")
        String preset;
        @Mixin
        MoteMixin moteOptions;

        @Override
        public Integer call() throws Exception {
            if (!space.equals("nb201")) {
                throw new UserError("search mote supports --space nb201 (the DARTS space is scored by 'jnas estimate --space darts')");
            }
            boolean paper = MoteMixin.paper(preset);
            MoteSearchJob job;
            try {
                job = new MoteSearchJob(variant, k, iterations, initial, parents, seed, data.spec(seed),
                        moteOptions.rd(seed, paper), moteOptions.raSize(paper), moteOptions.mote(seed, paper), table, tableDataset);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Path dir = outDir != null ? outDir : RunDir.defaultPath("search-mote", seed);
            out.result(job.start(dir, out));
            return 0;
        }
    }

    @Command(name = "nat", description = "NATv2 (or NAT): multi-objective search with a predictor over an OFA/OFAv2 super-network.")
    static final class Nat implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        Output out;
        @Option(names = "--policy", defaultValue = "natv2", description = "natv2 or nat (the baseline) (default ${DEFAULT-VALUE}).")
        String policy;
        @Option(names = "--objectives", split = ",", defaultValue = "error,params,macs",
                description = "error followed by params and/or macs (default ${DEFAULT-VALUE}).")
        List<String> objectives;
        @Option(names = "--supernet", description = "Trained super-network run (jnas supernet train); its data and splits are "
                + "used. Without it a super-network is trained first (the data options and --space, --parallel, ... as in "
                + "jnas supernet train).")
        Path supernet;
        @Mixin
        SupernetMixin training;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;
        @Option(names = "--preset", defaultValue = "cpu", description = "cpu (small archive and budget) or paper.")
        String preset;
        @Option(names = "--archive", description = "Archive size (natv2) or initial archive (nat) (cpu 30; paper 300 / 100).")
        Integer archive;
        @Option(names = "--iterations", description = "Iterations (cpu 5, paper 30).")
        Integer iterations;
        @Option(names = "--candidates", description = "Candidates per iteration (cpu 6; paper 25 natv2 / 8 nat).")
        Integer candidates;
        @Option(names = "--predictor", defaultValue = "gbt", description = "gbt, rf, rbf, gp or mlp (default ${DEFAULT-VALUE}).")
        String predictor;
        @Option(names = "--folds", description = "k-fold predictor ensemble (cpu 5, paper 10).")
        Integer folds;
        @Option(names = "--adapt-epochs", description = "Super-network adaptation epochs per iteration (cpu 1, paper 5; 0 = off).")
        Integer adaptEpochs;
        @Option(names = "--export", defaultValue = "5", description = "Front subnets exported with weights (default ${DEFAULT-VALUE}).")
        int export;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--out", description = "Run directory (default runs/search-nat-<time>-s<seed>).")
        Path outDir;

        @Override
        public Integer call() throws Exception {
            boolean paper = MoteMixin.paper(preset);
            if (supernet != null && !java.nio.file.Files.isRegularFile(supernet.resolve("config.yaml"))) {
                throw new UserError("--supernet " + supernet + " is not a run directory; train one with: jnas supernet train --out "
                        + supernet);
            }
            if (supernet != null) {
                refuseTrainingOptions();
            }
            NatJob job;
            try {
                boolean v2 = policy.equals("natv2");
                io.jnas.search.nat.NatConfig cfg = new io.jnas.search.nat.NatConfig(policy, objectives,
                        archive != null ? archive : paper ? (v2 ? 300 : 100) : 30, iterations != null ? iterations : paper ? 30 : 5,
                        candidates != null ? candidates : paper ? (v2 ? 25 : 8) : 6, predictor,
                        folds != null ? folds : paper ? 10 : 5, paper ? 100 : 40, paper ? 20 : 10,
                        adaptEpochs != null ? adaptEpochs : paper ? 5 : 1, paper ? 150 : 15, seed);
                io.jnas.estimate.predict.Predictor.of(predictor, seed);
                SupernetJob sj = supernet != null ? null : training.job(paper, data, seed);
                // adaptation: 4 subnets per step (reference); 2 in the cpu preset, where it dominates the search time
                job = new NatJob(cfg, supernet == null ? null : supernet.toString(), sj, 2.5e-3, 3e-4, paper ? 4 : 2, export);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            Path dir = outDir != null ? outDir : RunDir.defaultPath("search-nat", seed);
            out.result(job.start(dir, out));
            return 0;
        }

        /** With --supernet the run's own data, splits and training settings are used: options that would change them are refused. */
        private void refuseTrainingOptions() throws java.io.IOException {
            var parsed = spec.commandLine().getParseResult();
            for (String o : SupernetMixin.NAMES) {
                if (parsed.hasMatchedOption(o)) {
                    throw new UserError(o + " sets how a super-network is trained; with --supernet " + supernet
                            + " that run's settings are used (drop " + o + ")");
                }
            }
            SupernetJob sj = SupernetJob.fromConfig(RunDir.open(supernet).readConfig());
            for (String o : List.of("--dataset", "--data", "--size", "--train-size", "--test-size", "--download")) {
                if (parsed.hasMatchedOption(o) && !(o.equals("--dataset") && data.dataset.equals(sj.data().dataset()))) {
                    throw new UserError(o + " does not apply with --supernet: the search uses the data and splits of "
                            + supernet + " (" + sj.data().dataset() + "); drop " + o);
                }
            }
        }
    }
}
