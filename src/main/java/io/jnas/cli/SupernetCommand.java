package io.jnas.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas supernet}: OFA / OFAv2 super-networks. */
@Command(name = "supernet", description = "Train OFA / OFAv2 super-networks for NATv2.", subcommands = {SupernetCommand.Train.class})
public final class SupernetCommand {

    @Command(name = "train", description = "Train a super-network by (extended) progressive shrinking (resumable).")
    static final class Train implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        Output out;
        @Option(names = "--space", defaultValue = "ofav2", description = "ofa or ofav2 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--parallel", description = "OFAv2 parallel blocks (ofav2 without any of the three flags: all three).")
        boolean parallel;
        @Option(names = "--dense", description = "OFAv2 dense skip connections.")
        boolean dense;
        @Option(names = "--exits", description = "OFAv2 early exits.")
        boolean exits;
        @Option(names = "--preset", defaultValue = "cpu", description = "cpu (5,000 training images, about 20 minutes on 2 cores) or paper.")
        String preset;
        @Option(names = "--width", defaultValue = "1.0", description = "Width multiplier (1.0 or 1.2).")
        double width;
        @Option(names = "--resolutions", split = ",", description = "Training resolutions (cpu 32,40; paper 32..64 step 4).")
        List<Integer> resolutions;
        @Option(names = "--full-epochs", description = "Epochs of the full network (cpu 4, paper 120).")
        Integer fullEpochs;
        @Option(names = "--phase-epochs", description = "Epochs per shrinking phase (cpu 1, paper 25).")
        Integer phaseEpochs;
        @Option(names = "--batch", description = "Batch size (cpu 64, paper 128).")
        Integer batch;
        @Option(names = "--lr", description = "SGD learning rate per phase (cpu 0.01, paper 0.026).")
        Double lr;
        @Option(names = "--subnets", defaultValue = "2", description = "Subnets per step while shrinking (default ${DEFAULT-VALUE}).")
        int subnets;
        @Option(names = "--kd", defaultValue = "1.0", description = "Distillation weight (default ${DEFAULT-VALUE}).")
        double kd;
        @Option(names = "--exit-weights", split = ",", defaultValue = "0.06,0.13,0.20,0.27,0.34",
                description = "α of exits 1..5 (default ${DEFAULT-VALUE}).")
        List<Double> exitWeights;
        @Option(names = "--val-fraction", defaultValue = "0.1", description = "Validation split of the training set.")
        double valFraction;
        @Option(names = "--seed", defaultValue = "0")
        long seed;
        @Option(names = "--out", description = "Run directory (default runs/supernet-<time>-s<seed>).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            boolean paper = MoteMixin.paper(preset);
            SupernetJob job = job(space, parallel, dense, exits, width, resolutions, fullEpochs, phaseEpochs, batch, lr,
                    subnets, kd, exitWeights, valFraction, paper, data, seed);
            Path d = dir != null ? dir : io.jnas.run.RunDir.defaultPath("supernet", seed);
            out.result(job.start(d, out));
            return 0;
        }
    }

    /** Resolves the options (shared with {@code search nat}, which trains a super-network when none is given). */
    static SupernetJob job(String space, boolean parallel, boolean dense, boolean exits, double width,
            List<Integer> resolutions, Integer fullEpochs, Integer phaseEpochs, Integer batch, Double lr, int subnets,
            double kd, List<Double> exitWeights, double valFraction, boolean paper, DataMixin data, long seed) {
        boolean v2 = switch (space) {
            case "ofa" -> false;
            case "ofav2" -> true;
            default -> throw new UserError("--space must be ofa or ofav2, got '" + space + "'");
        };
        if (!v2 && (parallel || dense || exits)) {
            throw new UserError("--parallel, --dense and --exits are OFAv2 features: use --space ofav2");
        }
        if (v2 && !parallel && !dense && !exits) {
            parallel = dense = exits = true;
        }
        if (!(valFraction > 0 && valFraction < 0.5)) {
            throw new UserError("--val-fraction must be in (0, 0.5), got " + valFraction);
        }
        List<Integer> res = resolutions != null ? resolutions : paper ? io.jnas.space.ofa.OfaSpace.range(32, 64, 4)
                : List.of(32, 40);
        if (data.trainSize == 0 && !paper) {
            data.trainSize = 5_000;
        }
        try {
            io.jnas.data.DataSpec ds = data.spec(seed);
            // classes and channels are known after loading; the spec is completed by the job's first load
            io.jnas.data.Dataset probe = ds.load();
            io.jnas.nn.ofa.OfaNetwork.Spec spec = new io.jnas.nn.ofa.OfaNetwork.Spec(probe.train().channels(),
                    probe.numClasses(), width, parallel, dense, exits, 0.1);
            io.jnas.train.ofa.SupernetConfig cfg = new io.jnas.train.ofa.SupernetConfig(
                    fullEpochs != null ? fullEpochs : paper ? 120 : 4, phaseEpochs != null ? phaseEpochs : paper ? 25 : 1,
                    batch != null ? batch : paper ? 128 : 64, lr != null ? lr : paper ? 0.026 : 0.01, 0.9, 3e-5, 0.1,
                    subnets, kd, exitWeights, res, paper ? 2000 : 500, seed);
            return new SupernetJob(space, spec, ds, valFraction, cfg);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (java.io.IOException e) {
            throw new UserError(e.getMessage());
        }
    }
}
