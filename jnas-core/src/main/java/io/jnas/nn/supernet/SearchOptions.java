package io.jnas.nn.supernet;

/**
 * Plug-in variants of the supernet.
 *
 * @param partialChannels PC-DARTS: 1/K of the channels go through the mixed operation (1 = off)
 * @param auxSkip DARTS-: add β·skip(x) to every edge, β decaying 1 → 0 over the search
 */
public record SearchOptions(int partialChannels, boolean auxSkip) {
    public SearchOptions {
        if (partialChannels < 1) {
            throw new IllegalArgumentException("--partial-channels must be >= 1 (1 = off, PC-DARTS uses 4), got "
                    + partialChannels);
        }
    }

    public static final SearchOptions PLAIN = new SearchOptions(1, false);
}
