package io.jnas.train;

/**
 * Hyper-parameters of one training run. Values are checked here, with the option name and
 * the allowed range in the message.
 *
 * @param epochs number of epochs
 * @param batch mini-batch size
 * @param optimizer {@code sgd}, {@code adam} or {@code adamw}
 * @param lr peak learning rate
 * @param minLr learning rate at the end of the cosine schedule
 * @param schedule {@code cosine} or {@code constant}
 * @param warmupEpochs linear warm-up length (0 = none)
 * @param momentum SGD momentum (or Adam β1)
 * @param nesterov Nesterov momentum for SGD
 * @param weightDecay L2 (SGD, Adam) or decoupled (AdamW) weight decay
 * @param labelSmoothing label smoothing ε
 * @param gradClip maximum global gradient norm (0 = off)
 * @param dropPath final drop-path probability, ramped linearly over the epochs (0 = off)
 * @param auxWeight weight of the auxiliary loss when the network has an auxiliary head
 * @param cropPadding random-crop padding in pixels (0 = off)
 * @param flip random horizontal flips
 * @param cutout cutout square side (0 = off)
 * @param seed the run's seed; every random choice derives from it
 */
public record TrainConfig(int epochs, int batch, String optimizer, double lr, double minLr, String schedule,
        double warmupEpochs, double momentum, boolean nesterov, double weightDecay, double labelSmoothing,
        double gradClip, double dropPath, double auxWeight, int cropPadding, boolean flip, int cutout, long seed) {

    public TrainConfig {
        require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
        require(batch >= 1, "--batch must be >= 1, got " + batch);
        require(java.util.List.of("sgd", "adam", "adamw").contains(optimizer),
                "--optimizer must be sgd, adam or adamw, got '" + optimizer + "'");
        require(java.util.List.of("cosine", "constant").contains(schedule),
                "--schedule must be cosine or constant, got '" + schedule + "'");
        require(lr > 0 && lr < 10, "--lr must lie in (0, 10), got " + lr);
        require(minLr >= 0 && minLr <= lr, "--min-lr must lie in [0, lr], got " + minLr);
        require(warmupEpochs >= 0 && warmupEpochs < epochs, "--warmup must lie in [0, epochs), got " + warmupEpochs);
        require(momentum >= 0 && momentum < 1, "--momentum must lie in [0, 1), got " + momentum);
        require(weightDecay >= 0, "--wd must be >= 0, got " + weightDecay);
        require(labelSmoothing >= 0 && labelSmoothing < 1, "--label-smoothing must lie in [0, 1), got " + labelSmoothing);
        require(gradClip >= 0, "--grad-clip must be >= 0, got " + gradClip);
        require(dropPath >= 0 && dropPath < 1, "--drop-path must lie in [0, 1), got " + dropPath);
        require(auxWeight >= 0, "--aux-weight must be >= 0, got " + auxWeight);
        require(cropPadding >= 0 && cutout >= 0, "--crop-padding and --cutout must be >= 0");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Quick defaults: SGD 0.05 Nesterov, cosine, wd 5e-4, crop and flip. */
    public static TrainConfig defaults(int epochs, int batch, long seed) {
        return new TrainConfig(epochs, batch, "sgd", 0.05, 0.0, "cosine", 0, 0.9, true, 5e-4, 0.0, 5.0, 0.0, 0.4, 4,
                true, 0, seed);
    }

    /** NAS-Bench-201's recipe (SGD 0.1 Nesterov, wd 5e-4, cosine, crop and flip) with the given epochs and batch. */
    public static TrainConfig nb201Protocol(int epochs, int batch, int cropPadding, long seed) {
        return new TrainConfig(epochs, batch, "sgd", 0.1, 0, "cosine", 0, 0.9, true, 5e-4, 0, 5, 0, 0, cropPadding, true, 0,
                seed);
    }

    /** The DARTS evaluation protocol (DARTS, arXiv:1806.09055) for the given number of epochs. */
    public static TrainConfig dartsProtocol(int epochs, int batch, long seed) {
        return new TrainConfig(epochs, batch, "sgd", 0.025, 0.0, "cosine", 0, 0.9, false, 3e-4, 0.0, 5.0, 0.2, 0.4, 4,
                true, 16, seed);
    }

    /** A builder starting from {@link #defaults} (10 epochs, batch 128, seed 0). */
    public static Builder builder() {
        return defaults(10, 128, 0).toBuilder();
    }

    /** A builder starting from these values (e.g. a protocol's: {@code TrainConfig.dartsProtocol(...).toBuilder()}). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets what differs from a preset; {@link #build} checks the values as the constructor does. */
    public static final class Builder {
        private int epochs;
        private int batch;
        private String optimizer;
        private double lr;
        private double minLr;
        private String schedule;
        private double warmupEpochs;
        private double momentum;
        private boolean nesterov;
        private double weightDecay;
        private double labelSmoothing;
        private double gradClip;
        private double dropPath;
        private double auxWeight;
        private int cropPadding;
        private boolean flip;
        private int cutout;
        private long seed;

        private Builder(TrainConfig c) {
            epochs = c.epochs;
            batch = c.batch;
            optimizer = c.optimizer;
            lr = c.lr;
            minLr = c.minLr;
            schedule = c.schedule;
            warmupEpochs = c.warmupEpochs;
            momentum = c.momentum;
            nesterov = c.nesterov;
            weightDecay = c.weightDecay;
            labelSmoothing = c.labelSmoothing;
            gradClip = c.gradClip;
            dropPath = c.dropPath;
            auxWeight = c.auxWeight;
            cropPadding = c.cropPadding;
            flip = c.flip;
            cutout = c.cutout;
            seed = c.seed;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batch(int v) {
            batch = v;
            return this;
        }

        public Builder optimizer(String v) {
            optimizer = v;
            return this;
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder minLr(double v) {
            minLr = v;
            return this;
        }

        public Builder schedule(String v) {
            schedule = v;
            return this;
        }

        public Builder warmupEpochs(double v) {
            warmupEpochs = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder labelSmoothing(double v) {
            labelSmoothing = v;
            return this;
        }

        public Builder gradClip(double v) {
            gradClip = v;
            return this;
        }

        public Builder dropPath(double v) {
            dropPath = v;
            return this;
        }

        public Builder auxWeight(double v) {
            auxWeight = v;
            return this;
        }

        public Builder cropPadding(int v) {
            cropPadding = v;
            return this;
        }

        public Builder flip(boolean v) {
            flip = v;
            return this;
        }

        public Builder cutout(int v) {
            cutout = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(epochs, batch, optimizer, lr, minLr, schedule, warmupEpochs, momentum, nesterov, weightDecay,
                    labelSmoothing, gradClip, dropPath, auxWeight, cropPadding, flip, cutout, seed);
        }
    }
}
