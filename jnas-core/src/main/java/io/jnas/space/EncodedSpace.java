package io.jnas.space;

/**
 * A search space whose architectures are fixed-length integer codes, what an integer-encoded (multi-objective)
 * search needs: how many genes, each gene's range, a repair that makes any in-range code valid, and the cheapest
 * and the most expensive architecture (the corners of the cost objectives).
 *
 * @param <A> the architecture record type
 */
public interface EncodedSpace<A> extends SearchSpace<A> {

    /** Number of genes of a code. */
    int genes();

    /** Largest value of gene {@code g}; its values are 0..upper(g). */
    int upper(int g);

    /** A valid code close to {@code code} (whose genes are within their bounds); the identity where every code is valid. */
    default int[] repair(int[] code) {
        return code.clone();
    }

    /**
     * The input of an accuracy predictor: by default the code itself (right for ordinal genes such as kernel sizes
     * and depths); a space with categorical genes gives a better one.
     */
    default double[] features(A arch) {
        int[] code = encode(arch);
        double[] f = new double[code.length];
        for (int i = 0; i < code.length; i++) {
            f[i] = code[i];
        }
        return f;
    }

    /**
     * Structural features beyond {@link #features}: properties of the architecture's graph that a learned ranker reads
     * (for NAS-Bench-201, GRAF's path counts); none by default.
     */
    default double[] graph(A arch) {
        return new double[0];
    }

    /**
     * One indicator per gene and non-zero value (value 0 is each gene's reference): for a cell space, the operation on
     * each edge, what a per-edge latency table is fitted on.
     */
    @Override
    default double[] latencyFeatures(A arch) {
        int[] code = encode(arch);
        int width = 0;
        for (int g = 0; g < genes(); g++) {
            width += upper(g);
        }
        double[] x = new double[width];
        int at = 0;
        for (int g = 0; g < genes(); g++) {
            if (code[g] > 0) {
                x[at + code[g] - 1] = 1;
            }
            at += upper(g);
        }
        return x;
    }

    /** The cheapest architecture (fewest parameters and MACs). */
    A smallest();

    /** The most expensive architecture. */
    A largest();
}
