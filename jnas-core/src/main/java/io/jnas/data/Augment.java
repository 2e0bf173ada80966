package io.jnas.data;

/**
 * Training-time augmentation, applied per batch from the step's seeded stream.
 *
 * @param cropPadding random crop after zero padding by this many pixels (0 = off)
 * @param flip random horizontal flip with probability 1/2
 * @param cutout side of a square zeroed at a random centre, after normalisation (0 = off)
 */
public record Augment(int cropPadding, boolean flip, int cutout) {
    public Augment {
        if (cropPadding < 0 || cutout < 0) {
            throw new IllegalArgumentException("augmentation sizes must be >= 0, got crop padding " + cropPadding
                    + ", cutout " + cutout);
        }
    }

    /** No augmentation. */
    public static final Augment NONE = new Augment(0, false, 0);

    /** The usual CIFAR recipe: crop with 4-pixel padding and flip. */
    public static Augment standard(int size) {
        return new Augment(Math.max(1, size / 8), true, 0);
    }

    public Augment withCutout(int c) {
        return new Augment(cropPadding, flip, c);
    }

    public boolean any() {
        return cropPadding > 0 || flip || cutout > 0;
    }
}
