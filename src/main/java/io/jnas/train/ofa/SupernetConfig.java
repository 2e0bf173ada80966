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
}
