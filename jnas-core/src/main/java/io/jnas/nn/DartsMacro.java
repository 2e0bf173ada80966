package io.jnas.nn;

/**
 * The DARTS macro-architecture (DARTS, arXiv:1806.09055), shared by the evaluation network and the search supernet:
 * a stem of a 3×3 convolution to 3C channels and BN, then {@code layers} cells, each reading the outputs of the two
 * cells before it; the cells at layers/3 and 2·layers/3 reduce, and the channels double there.
 */
public final class DartsMacro {
    private DartsMacro() {
    }

    /** The stem: 3×3 convolution from {@code inChannels} to 3C, then BN. */
    public static Module stem(Init init, int inChannels, int c) {
        return Sequential.of(new Conv(init, inChannels, 3 * c, 3, 1, 1, 1, 1, false), new BatchNorm(init, 3 * c, true));
    }

    /**
     * Builds the cells in order through {@code cells} and returns the channels of the last one's output.
     *
     * @param c the initial channels C
     */
    public static int cells(int c, int layers, CellFactory cells) {
        int cpp = 3 * c;
        int cp = 3 * c;
        int cur = c;
        boolean reductionPrev = false;
        for (int i = 0; i < layers; i++) {
            boolean reduction = i == layers / 3 || i == 2 * layers / 3;
            if (reduction) {
                cur *= 2;
            }
            int out = cells.add(i, cpp, cp, cur, reduction, reductionPrev);
            reductionPrev = reduction;
            cpp = cp;
            cp = out;
        }
        return cp;
    }

    /** Makes cell {@code index} of the macro-architecture. */
    @FunctionalInterface
    public interface CellFactory {
        /**
         * Adds the cell and returns its output channels.
         *
         * @param prevPrev channels of the output two cells back (the stem's for the first two cells)
         * @param prev channels of the previous cell's output
         * @param channels the cell's channels C at its stage
         * @param reductionPrev whether the previous cell reduced (the input two back then needs a factorized reduce)
         */
        int add(int index, int prevPrev, int prev, int channels, boolean reduction, boolean reductionPrev);
    }
}
