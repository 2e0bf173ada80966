package io.jnas.cli;

import io.jnas.train.ofa.SupernetConfig;
import io.jnas.train.ofa.SupernetSpec;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options of super-network training, shared by {@code supernet train} and {@code search nat} (which trains one
 * first when no {@code --supernet} is given). Unset values take the preset.
 */
public final class SupernetMixin {
    /** Option names, so that {@code search nat --supernet DIR} can refuse them instead of ignoring them. */
    static final List<String> NAMES = List.of("--parallel", "--dense", "--exits", "--width", "--resolutions",
            "--full-epochs", "--phase-epochs", "--batch", "--lr", "--subnets", "--kd", "--exit-weights", "--val-fraction");

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

    /** The super-network of {@code space} (ofa or ofav2); the cpu preset trains on 5,000 images unless --train-size says otherwise. */
    SupernetSpec spec(String space, boolean paper, DataMixin data, long seed) throws IOException {
        SupernetConfig cfg = SupernetConfig.preset(paper, fullEpochs, phaseEpochs, batch, lr, subnets, kd, exitWeights, resolutions,
                seed);
        return SupernetSpec.of(space, parallel, dense, exits, width, data.spec(seed, paper ? 0 : 5_000), valFraction, cfg);
    }

    /** A transfer's defaults where unset: 1 epoch of the full network, no shrinking phases, lr 0.01. */
    void transferDefaults() {
        fullEpochs = fullEpochs != null ? fullEpochs : 1;
        phaseEpochs = phaseEpochs != null ? phaseEpochs : 0;
        lr = lr != null ? lr : 0.01;
    }
}
