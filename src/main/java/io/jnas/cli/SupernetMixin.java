package io.jnas.cli;

import io.jnas.data.DataSpec;
import io.jnas.data.Dataset;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.train.ofa.SupernetConfig;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of super-network training, shared by {@code supernet train} and {@code search nat}
 * (which trains one first when no {@code --supernet} is given). Unset values take the preset.
 */
public final class SupernetMixin {
    /** Option names, so that {@code search nat --supernet DIR} can refuse them instead of ignoring them. */
    static final List<String> NAMES = List.of("--space", "--parallel", "--dense", "--exits", "--width", "--resolutions",
            "--full-epochs", "--phase-epochs", "--batch", "--lr", "--subnets", "--kd", "--exit-weights", "--val-fraction");

    @Option(names = "--space", defaultValue = "ofav2", description = "ofa or ofav2 (default ${DEFAULT-VALUE}).")
    String space;
    @Option(names = "--parallel", description = "OFAv2 parallel blocks (ofav2 without any of the three flags: all three).")
    boolean parallel;
    @Option(names = "--dense", description = "OFAv2 dense skip connections.")
    boolean dense;
    @Option(names = "--exits", description = "OFAv2 early exits.")
    boolean exits;
    @Option(names = "--width", defaultValue = "1.0", description = "Width multiplier (1.0 or 1.2).")
    double width;
    @Option(names = "--resolutions", split = ",", description = "Training resolutions (cpu 32,40; paper 32..64 step 4).")
    List<Integer> resolutions;
    @Option(names = "--full-epochs", description = "Epochs of the full network (cpu 4, paper 120).")
    Integer fullEpochs;
    @Option(names = "--phase-epochs", description = "Epochs per shrinking phase (cpu 1, paper 25).")
    Integer phaseEpochs;
    @Option(names = "--batch", description = "Super-network batch size (cpu 64, paper 128).")
    Integer batch;
    @Option(names = "--lr", description = "Super-network SGD learning rate per phase (cpu 0.05, paper 0.026).")
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

    /** The resolved training job (the cpu preset takes a 5,000-image training subset unless --train-size says otherwise). */
    SupernetJob job(boolean paper, DataMixin data, long seed) {
        boolean v2 = switch (space) {
            case "ofa" -> false;
            case "ofav2" -> true;
            default -> throw new UserError("--space must be ofa or ofav2, got '" + space + "'");
        };
        if (!v2 && (parallel || dense || exits)) {
            throw new UserError("--parallel, --dense and --exits are OFAv2 features: use --space ofav2");
        }
        boolean all = v2 && !parallel && !dense && !exits;
        if (!(valFraction > 0 && valFraction < 0.5)) {
            throw new UserError("--val-fraction must be in (0, 0.5), got " + valFraction);
        }
        List<Integer> res = resolutions != null ? resolutions : paper ? OfaSpace.range(32, 64, 4) : List.of(32, 40);
        if (data.trainSize == 0 && !paper) {
            data.trainSize = 5_000;
        }
        try {
            DataSpec ds = data.spec(seed);
            // channels and classes come from the data and are recorded in config.yaml with the rest
            Dataset probe = ds.load();
            OfaNetwork.Spec spec = new OfaNetwork.Spec(probe.train().channels(), probe.numClasses(), width,
                    parallel || all, dense || all, exits || all, 0.1);
            SupernetConfig cfg = new SupernetConfig(fullEpochs != null ? fullEpochs : paper ? 120 : 4,
                    phaseEpochs != null ? phaseEpochs : paper ? 25 : 1, batch != null ? batch : paper ? 128 : 64,
                    lr != null ? lr : paper ? 0.026 : 0.05, 0.9, 3e-5, 0.1, subnets, kd, exitWeights, res, paper ? 2000 : 500,
                    seed);
            return new SupernetJob(space, spec, ds, valFraction, cfg);
        } catch (IllegalArgumentException | IOException e) {
            throw new UserError(e.getMessage());
        }
    }
}
