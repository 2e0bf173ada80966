package io.jnas.train;

/** Learning-rate schedules: linear warm-up, then cosine decay to a floor, or constant. */
public final class Schedule {
    private Schedule() {
    }

    /**
     * Learning rate at fractional epoch {@code t} (epoch + step/stepsPerEpoch).
     *
     * @param c the configuration (lr, minLr, schedule, warmupEpochs, epochs)
     * @param t progress in epochs, 0 ≤ t < epochs
     */
    public static double lr(TrainConfig c, double t) {
        if (c.warmupEpochs() > 0 && t < c.warmupEpochs()) {
            return c.lr() * (t + 1e-9) / c.warmupEpochs();
        }
        if (c.schedule().equals("constant")) {
            return c.lr();
        }
        double span = c.epochs() - c.warmupEpochs();
        double p = span <= 0 ? 1 : (t - c.warmupEpochs()) / span;
        return cosine(c.lr(), c.minLr(), Math.min(1, Math.max(0, p)), 1);
    }

    /**
     * Cosine annealing from {@code lr} at t = 0 to {@code minLr} at t = span, the one schedule of every loop
     * (training per step, differentiable search per epoch, super-network phases per step).
     */
    public static double cosine(double lr, double minLr, double t, double span) {
        return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * t / span));
    }
}
