package io.jnas.cli;

import io.jnas.nn.ModelSpec;
import io.jnas.run.RunDir;
import io.jnas.train.TrainConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas train}: train a fixed network from scratch in a resumable run directory. */
@Command(name = "train", description = "Train a fixed network from scratch (resumable run directory).",
        subcommands = {TrainCommand.Cnn.class, TrainCommand.Nb201.class, TrainCommand.Darts.class})
public final class TrainCommand {

    /** Options every train subcommand has. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        TrainMixin hp;
        @Mixin
        Output out;
        @Option(names = "--seed", defaultValue = "0", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--out", description = "Run directory (default runs/train-<time>-s<seed>).")
        Path outDir;
        @Option(names = "--preset", defaultValue = "cpu", description = "cpu (short runs) or paper (full protocol).")
        String preset;

        abstract ModelSpec model();

        abstract TrainConfig preset(long seed);

        @Override
        public Integer call() throws Exception {
            if (!preset.equals("cpu") && !preset.equals("paper")) {
                throw new UserError("--preset must be cpu or paper, got '" + preset + "'");
            }
            ModelSpec m;
            try {
                m = model();
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            TrainJob job = new TrainJob(m, data.spec(seed), hp.apply(preset(seed)));
            Path dir = outDir != null ? outDir : RunDir.defaultPath("train-" + m.kind(), seed);
            out.result(job.start(dir, out));
            return 0;
        }
    }

    @Command(name = "cnn", description = "A small fixed CNN (stages of conv-BN-ReLU pairs).")
    static final class Cnn extends Base {
        @Option(names = "--width", defaultValue = "16", description = "First-stage channels (default ${DEFAULT-VALUE}).")
        int width;
        @Option(names = "--stages", defaultValue = "3", description = "Stages (default ${DEFAULT-VALUE}).")
        int stages;

        @Override
        ModelSpec model() {
            return new ModelSpec("cnn", null, width, stages, false);
        }

        @Override
        TrainConfig preset(long s) {
            return preset.equals("paper") ? TrainConfig.defaults(30, 128, s) : TrainConfig.defaults(1, 128, s);
        }
    }

    @Command(name = "nb201", description = "The NAS-Bench-201 network of a cell.")
    static final class Nb201 extends Base {
        @Option(names = "--arch", required = true, description = "Cell |op~0|+|op~0|op~1|+|op~0|op~1|op~2|.")
        String arch;
        @Option(names = "--channels", defaultValue = "16", description = "Stem channels (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--cells", defaultValue = "5", description = "Cells per stage (default ${DEFAULT-VALUE}).")
        int cells;

        @Override
        ModelSpec model() {
            return new ModelSpec("nb201", arch, channels, cells, false);
        }

        /** paper: NAS-Bench-201's 200-epoch recipe (SGD 0.1 Nesterov, wd 5e-4, batch 256, cosine). */
        @Override
        TrainConfig preset(long s) {
            TrainConfig d = TrainConfig.defaults(preset.equals("paper") ? 200 : 3, 256, s);
            return new TrainConfig(d.epochs(), d.batch(), "sgd", 0.1, 0, "cosine", 0, 0.9, true, 5e-4, 0, 5, 0, 0, 4,
                    true, 0, s);
        }
    }

    @Command(name = "darts", description = "The DARTS evaluation network of a genotype.")
    static final class Darts extends Base {
        @Option(names = "--genotype", defaultValue = "DARTS_V2", description = "Genotype(...) text, DARTS_V2, or random:SEED.")
        String genotype;
        @Option(names = "--channels", description = "Initial channels (paper 36, cpu 16).")
        Integer channels;
        @Option(names = "--layers", description = "Cells (paper 20, cpu 8).")
        Integer layers;
        @Option(names = "--auxiliary", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Auxiliary head (weight --aux-weight).")
        boolean auxiliary;

        @Override
        ModelSpec model() {
            boolean paper = preset.equals("paper");
            String g = genotype;
            if (g.startsWith("random:")) {
                // a seeded random genotype, stored in config.yaml in full
                long s;
                try {
                    s = Long.parseLong(g.substring("random:".length()));
                } catch (NumberFormatException e) {
                    throw new UserError("--genotype random:SEED needs an integer seed, got '" + g + "'");
                }
                g = new io.jnas.space.darts.DartsSpace().sample(new java.util.SplittableRandom(s)).toString();
            }
            return new ModelSpec("darts", g, channels != null ? channels : paper ? 36 : 16,
                    layers != null ? layers : paper ? 20 : 8, auxiliary);
        }

        /** paper: the DARTS protocol, 600 epochs, batch 96; cpu: same recipe, 2 epochs, batch 64. */
        @Override
        TrainConfig preset(long s) {
            return preset.equals("paper") ? TrainConfig.dartsProtocol(600, 96, s) : TrainConfig.dartsProtocol(2, 64, s);
        }
    }
}
