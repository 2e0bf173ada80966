package io.jnas.cli;

import io.jnas.experiment.RunLatency;
import io.jnas.latency.LatencyModels;
import io.jnas.latency.LatencyTool;
import io.jnas.latency.MeasureOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jnas latency}: measured (and predicted) latency of architectures on this machine; the models behind it. */
@Command(name = "latency", description = {"Measure one architecture's latency on this machine the way a deployment runs it "
    + "(ONNX Runtime by default, or jnas), with the prediction of this device's latency model of its space where one "
    + "was built. Protocol: docs/latency.md."}, subcommands = {LatencyCommand.Build.class, LatencyCommand.Validate.class})
final class LatencyCommand implements Callable<Integer> {
    @Mixin
    Target target;
    @Mixin
    Measure measure;
    @Option(names = {"--arch", "--subnet"}, description = "The architecture: a cell's text (nb201, darts) "
            + "or an OFA subnet's JSON {\"ks\":..,\"e\":..,\"d\":..,\"r\":..,\"w\":..}.")
    String arch;
    @Option(names = "--run", description = "Instead of --arch: a finished run's network (search mote, mae-nas or darts: "
            + "the found architecture; train or demo: the trained network; finetune: its subnet; search nat: --member K).")
    Path run;
    @Option(names = "--member", defaultValue = "0", description = "With --run of search nat: which member of the front, "
            + "in result.json's order (default ${DEFAULT-VALUE}).")
    int member;
    @Option(names = "--json", description = "Print one JSON object (measured_ms, predicted_ms, device, ...).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((arch == null) == (run == null)) {
            throw new IllegalArgumentException("give one network to measure: --arch CELL, --subnet JSON or --run DIR (or use "
                    + "jnas latency build|validate)");
        }
        RunOptions.print(json, run != null ? RunLatency.measure(run, member, target.get(), measure.get(), System.err::println)
                : LatencyTool.measure(target.get(), arch, measure.get(), System.err::println));
        return 0;
    }

    /** What is measured: a space or a trained super-network, and the input. */
    static final class Target {
        @Option(names = "--space", defaultValue = "nb201", description = "nb201, darts, ofa or ofav2 (default ${DEFAULT-VALUE}).")
        String space;
        @Option(names = "--supernet", description = "A trained super-network: its subnets, input and classes.")
        Path supernet;
        @Option(names = "--channels", defaultValue = "3", description = "Image channels (default ${DEFAULT-VALUE}).")
        int channels;
        @Option(names = "--classes", defaultValue = "10", description = "Classes (default ${DEFAULT-VALUE}).")
        int classes;
        @Option(names = "--size", defaultValue = "32", description = "Image size of cell spaces (default ${DEFAULT-VALUE}; "
                + "an OFA subnet runs at its own resolution).")
        int size;
        @Option(names = "--resolutions", split = ",", defaultValue = "32,40", description = "Resolutions of an OFA space "
                + "without --supernet (default ${DEFAULT-VALUE}, the cpu super-network's).")
        List<Integer> resolutions;

        LatencyTool.Target get() {
            return new LatencyTool.Target(space, supernet, channels, classes, size, resolutions);
        }
    }

    /** How it is measured. */
    static final class Measure {
        @Option(names = "--runtime", defaultValue = "ort", description = "ort (ONNX Runtime) or jnas (default ${DEFAULT-VALUE}).")
        String runtime;
        @Option(names = "--batch", defaultValue = "1", description = "Images per call (default ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--threads", defaultValue = "1", description = "Runtime threads (default ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--warmup", defaultValue = "10", description = "Untimed calls first (default ${DEFAULT-VALUE}).")
        int warmup;
        @Option(names = "--repeats", defaultValue = "50", description = "Timed calls per session (default ${DEFAULT-VALUE}).")
        int repeats;
        @Option(names = "--spread", defaultValue = "" + MeasureOptions.SPREAD, description = "Seconds that a model's "
                + "measurements and a validation's span at least: passes over the architectures go on beyond the first five "
                + "until then, so that a shared machine's slow spells of a few seconds do not hold all of them (default "
                + "${DEFAULT-VALUE}).")
        double spread;
        @Option(names = "--statistic", defaultValue = MeasureOptions.STATISTIC, description = "A session's latency: min (its "
                + "fastest call: the network's cost without interference, the most repeatable on a shared machine) or median "
                + "(default ${DEFAULT-VALUE}).")
        String statistic;

        MeasureOptions get() {
            return new MeasureOptions(runtime, batch, threads, warmup, repeats, spread, statistic);
        }
    }

    /** The model's size and the output form of build and validate. */
    static final class Model {
        @Option(names = "--cells", defaultValue = "" + LatencyModels.CELLS, description = "Cells measured for a cell "
                + "space's model (default ${DEFAULT-VALUE}).")
        int cells;
        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;
    }

    @Command(name = "build", description = "Build (or complete) this device's latency model of a space, stored under "
            + "~/.cache/jnas/latency/<fingerprint>/: OFA a look-up table of every piece, calibrated on whole subnets; "
            + "cell spaces a table per edge (nb201) or per operation and cell kind (darts) fitted on measured cells. "
            + "Resumes where it stopped.")
    static final class Build implements Callable<Integer> {
        @Mixin
        Target target;
        @Mixin
        Measure measure;
        @Mixin
        Model model;

        @Override
        public Integer call() throws Exception {
            RunOptions.print(model.json, LatencyTool.build(target.get(), model.cells, measure.get(), System.err::println));
            return 0;
        }
    }

    @Command(name = "validate", description = "Compare the model's predictions with fresh measurements of architectures it "
            + "was not built from: Spearman rho and mean absolute percentage error (builds the model first if needed).")
    static final class Validate implements Callable<Integer> {
        @Mixin
        Target target;
        @Mixin
        Measure measure;
        @Mixin
        Model model;
        @Option(names = "--count", defaultValue = "100", description = "Architectures measured (default ${DEFAULT-VALUE}).")
        int count;
        @Option(names = "--pairs", paramLabel = "CSV", description = "Also write every architecture's predicted and measured "
                + "milliseconds to this CSV (OFA: with its pieces, their uncalibrated sum and the calibration subnets).")
        java.nio.file.Path pairs;

        @Override
        public Integer call() throws Exception {
            if (count < 3) {
                throw new IllegalArgumentException("--count must be >= 3, got " + count);
            }
            RunOptions.print(model.json, LatencyTool.validate(target.get(), count, model.cells, measure.get(), pairs,
                    System.err::println));
            return 0;
        }
    }
}
