package io.jnas.cli;

import io.jnas.experiment.Experiments;
import io.jnas.experiment.TrainRun;
import io.jnas.nn.kit.ModelSpec;
import io.jnas.train.TrainConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas train}: train a fixed network from scratch in a resumable run directory. */
@Command(name = "train", description = "Train a fixed network from scratch (resumable run directory).",
        subcommands = {TrainCommand.Cnn.class, TrainCommand.Nb201.class, TrainCommand.Darts.class})
final class TrainCommand {

    /** Options every train sub-command has. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        DataMixin data;
        @Mixin
        TrainMixin hp;
        @Mixin
        PresetMixin preset;
        @Mixin
        RunOptions out;
        @picocli.CommandLine.Option(names = "--export", description = "onnx: also write the trained network to RUN/model.onnx.")
        ExportCommand.Format export;

        abstract ModelSpec model();

        abstract TrainConfig preset(long seed);

        @Override
        public Integer call() throws Exception {
            ModelSpec m = model();
            TrainRun run = new TrainRun(m, data.spec(out.seed, 0), hp.apply(preset(out.seed)));
            out.result(ExportCommand.after(export, Experiments.start(run, out.dir("train-" + m.kind()), out::info)));
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
            return new ModelSpec(ModelSpec.CNN, null, width, stages, false);
        }

        @Override
        TrainConfig preset(long s) {
            return TrainConfig.defaults(preset.or(null, 1, 30), 128, s);
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

        /** paper: NAS-Bench-201's 200-epoch recipe; cpu: the same recipe for 3 epochs. */
        @Override
        TrainConfig preset(long s) {
            return TrainConfig.nb201Protocol(preset.or(null, 3, 200), 256, 4, s);
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
            return new ModelSpec("darts", ModelSpec.darts(genotype), preset.or(channels, 16, 36), preset.or(layers, 8, 20), auxiliary);
        }

        /** paper: the DARTS protocol, 600 epochs, batch 96; cpu: same recipe, 2 epochs, batch 64. */
        @Override
        TrainConfig preset(long s) {
            return preset.paper() ? TrainConfig.dartsProtocol(600, 96, s) : TrainConfig.dartsProtocol(2, 64, s);
        }
    }
}
