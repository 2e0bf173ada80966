package io.jnas.run;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the run seed and a position (epoch, step, purpose),
 * so that any point of a run can be replayed without saving generator state.
 */
public final class Seeds {
    private Seeds() {
    }

    /** A 64-bit hash of the seed and the coordinates (SplitMix64 finaliser chain). */
    public static long mix(long seed, long... coords) {
        long h = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        for (long c : coords) {
            h ^= c + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
            h = fin(h);
        }
        return fin(h);
    }

    private static long fin(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A stream for the given coordinates. */
    public static SplittableRandom stream(long seed, long... coords) {
        return new SplittableRandom(mix(seed, coords));
    }
}
