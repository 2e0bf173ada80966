package io.jnas.train.ofa;

import java.util.List;

/**
 * Hyper-parameters of super-network training by (extended) progressive shrinking (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888).
 *
 * @param fullEpochs epochs of the full network before shrinking
 * @param phaseEpochs epochs of each shrinking phase
 * @param batch batch size
 * @param lr SGD learning rate at the start of each phase (cosine to 0 within the phase)
 * @param momentum SGD momentum (Nesterov)
 * @param weightDecay L2 weight decay
 * @param labelSmoothing label smoothing of the hard-label loss
 * @param subnets subnets sampled per step in the shrinking phases (gradients summed)
 * @param kdWeight weight of the distillation term (soft cross-entropy against the teacher)
 * @param exitWeights α of exits 1..5 (OFAv2); the loss of a subnet is Σ α_i·loss_i / Σ α_i over its exits
 * @param resolutions input resolutions sampled per step
 * @param recalibImages training images used to recalibrate BN of an extracted subnet
 * @param seed seed of initialisation, batch order, augmentation and subnet sampling
 */
public record SupernetConfig(int fullEpochs, int phaseEpochs, int batch, double lr, double momentum, double weightDecay,
        double labelSmoothing, int subnets, double kdWeight, List<Double> exitWeights, List<Integer> resolutions,
        int recalibImages, long seed) {
    public SupernetConfig {
        exitWeights = List.copyOf(exitWeights);
        resolutions = List.copyOf(resolutions);
        if (fullEpochs < 1 || phaseEpochs < 0 || batch < 2 || subnets < 1 || !(lr > 0) || recalibImages < 1) {
            throw new IllegalArgumentException("super-network training needs full epochs >= 1, phase epochs >= 0, batch >= 2,"
                    + " subnets >= 1, lr > 0 and recalibration images >= 1");
        }
        if (exitWeights.size() != 5 || exitWeights.stream().anyMatch(w -> !(w >= 0))) {
            throw new IllegalArgumentException("exit weights need 5 non-negative values, got " + exitWeights);
        }
        if (resolutions.isEmpty()) {
            throw new IllegalArgumentException("at least one training resolution is needed");
        }
        for (int r : resolutions) {
            if (r < 32 || r > 512) {
                throw new IllegalArgumentException("resolution " + r + " is out of range 32..512 (five stride-2 stages)");
            }
        }
    }

    /**
     * The settings of a preset with the values given (null: the preset's): cpu (measured on 2 cores: 4 full epochs,
     * 1 per shrinking phase, batch 64, lr 0.05, 32 and 40 px, 500 recalibration images) or paper (120 and 25 epochs,
     * batch 128, lr 0.026, 32..64 px step 4, 2,000 images).
     */
    public static SupernetConfig preset(boolean paper, Integer fullEpochs, Integer phaseEpochs, Integer batch, Double lr,
            int subnets, double kd, List<Double> exitWeights, List<Integer> resolutions, long seed) {
        List<Integer> res = resolutions != null ? resolutions : paper ? io.jnas.space.ofa.OfaSpace.range(32, 64, 4) : List.of(32, 40);
        return new SupernetConfig(fullEpochs != null ? fullEpochs : paper ? 120 : 4, phaseEpochs != null ? phaseEpochs : paper ? 25 : 1,
                batch != null ? batch : paper ? 128 : 64, lr != null ? lr : paper ? 0.026 : 0.05, 0.9, 3e-5, 0.1, subnets, kd,
                exitWeights, res, paper ? 2000 : 500, seed);
    }
}
