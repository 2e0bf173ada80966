package io.jnas.search.darts;

import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.nn.supernet.MaeObjective;
import io.jnas.nn.supernet.SearchOptions;

/**
 * A differentiable search, as stored in config.yaml.
 *
 * @param space {@code darts} or {@code nb201}
 * @param objective {@code mae} (label-free) or {@code supervised}
 * @param mae masking and decoder settings (used by the mae objective)
 * @param channels initial channels C
 * @param layers DARTS cells, or NAS-Bench-201 cells per stage
 * @param epochs search epochs
 * @param batch batch size of both the α and the weight step
 * @param lr weight learning rate (cosine to {@code minLr})
 * @param minLr final weight learning rate
 * @param momentum weight SGD momentum
 * @param weightDecay weight decay of the weights
 * @param gradClip gradient-norm clip of the weights
 * @param alphaLr α Adam learning rate
 * @param alphaWeightDecay α weight decay
 * @param variants PC-DARTS / DARTS- plug-ins
 * @param skipWeightGradsInAlphaStep do not compute weight gradients during the α step (same result, faster)
 * @param seed the search seed
 */
public record SearchConfig(String space, String objective, MaeObjective.Config mae, int channels, int layers,
        int epochs, int batch, double lr, double minLr, double momentum, double weightDecay, double gradClip,
        double alphaLr, double alphaWeightDecay, SearchOptions variants, boolean skipWeightGradsInAlphaStep, long seed) {

    public SearchConfig {
        if (!objective.equals("mae") && !objective.equals("supervised")) {
            throw new IllegalArgumentException("objective must be mae or supervised, got '" + objective + "'");
        }
        if (channels < 1 || layers < 1 || epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("--channels, --layers, --epochs and --batch must be >= 1");
        }
        SpaceKits.get(space).checkSupernet(channels, layers); // names the spaces there are, or what does not fit
    }

    /** The demo's search: MAE-NAS (hierarchical decoder) on NAS-Bench-201, C = 8, one cell per stage, batch 32. */
    /**
     * The α learning rate of the demo (and of the NB201 cpu preset). With DARTS's 3e-4 the demo's 8 × 31 α steps leave every
     * softmax(α) within 0.005 of uniform (decision margin 0.0013 on average over 3 seeds; 0.0199 at 1e-2), and the cpu
     * preset's 15 × 62 steps decide its closest edge by 0.0011 (0.0136 at 1e-2); measured in docs/results.md.
     */
    public static final double CPU_ALPHA_LR = 1e-2;

    public static SearchConfig demo(int epochs, long seed) {
        return new SearchConfig("nb201", "mae", MaeObjective.Config.DEFAULT, 8, 1, epochs, 32, 0.025, 0.001, 0.9, 3e-4, 5,
                CPU_ALPHA_LR, 1e-3, SearchOptions.PLAIN, true, seed);
    }

    /** A search with the space kit's preset values ({@link SpaceKit#searchPreset}) for what is null. */
    public static SearchConfig preset(boolean paper, String space, String objective, MaeObjective.Config mae, Integer channels,
            Integer layers, Integer epochs, Integer batch, double lr, Double alphaLr, double alphaWd, SearchOptions variants,
            long seed) {
        SpaceKit.SearchPreset p = SpaceKits.get(space).searchPreset(paper);
        return new SearchConfig(space, objective, mae, channels != null ? channels : p.channels(),
                layers != null ? layers : p.layers(), epochs != null ? epochs : p.epochs(), batch != null ? batch : p.batch(), lr,
                0.001, 0.9, 3e-4, 5.0, alphaLr != null ? alphaLr : p.alphaLr(), alphaWd, variants, true, seed);
    }

    /**
     * A builder of a differentiable search on {@code space} as jnas search mae makes it: the MAE objective with the
     * hierarchical decoder, the space kit's cpu preset for C, cells, epochs and batch, weight lr 0.025, seed 0.
     */
    public static Builder builder(String space) {
        return new Builder(space);
    }

    /** The values a search is built from; null keeps the space kit's preset. */
    public static final class Builder {
        private final String space;
        private boolean paper;
        private String objective = "mae";
        private MaeObjective.Config mae = MaeObjective.Config.DEFAULT;
        private Integer channels;
        private Integer layers;
        private Integer epochs;
        private Integer batch;
        private double lr = 0.025;
        private Double alphaLr;
        private double alphaWeightDecay = 1e-3;
        private SearchOptions variants = SearchOptions.PLAIN;
        private long seed;

        private Builder(String space) {
            this.space = space;
        }

        /** The space's paper preset instead of its cpu one. */
        public Builder paper(boolean v) {
            paper = v;
            return this;
        }

        /** mae (label-free) or supervised. */
        public Builder objective(String v) {
            objective = v;
            return this;
        }

        public Builder mae(MaeObjective.Config v) {
            mae = v;
            return this;
        }

        public Builder channels(int v) {
            channels = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batch(int v) {
            batch = v;
            return this;
        }

        public Builder lr(double v) {
            lr = v;
            return this;
        }

        public Builder alphaLr(double v) {
            alphaLr = v;
            return this;
        }

        public Builder alphaWeightDecay(double v) {
            alphaWeightDecay = v;
            return this;
        }

        /** PC-DARTS / DARTS- plug-ins. */
        public Builder variants(SearchOptions v) {
            variants = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public SearchConfig build() {
            return preset(paper, space, objective, mae, channels, layers, epochs, batch, lr, alphaLr, alphaWeightDecay, variants,
                    seed);
        }
    }
}
