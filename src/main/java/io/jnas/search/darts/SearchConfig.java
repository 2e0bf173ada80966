package io.jnas.search.darts;

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
        if (!space.equals("darts") && !space.equals("nb201")) {
            throw new IllegalArgumentException("--space must be darts or nb201, got '" + space + "'");
        }
        if (!objective.equals("mae") && !objective.equals("supervised")) {
            throw new IllegalArgumentException("objective must be mae or supervised, got '" + objective + "'");
        }
        if (channels < 1 || layers < 1 || epochs < 1 || batch < 1) {
            throw new IllegalArgumentException("--channels, --layers, --epochs and --batch must be >= 1");
        }
        if (space.equals("darts") && layers < 3) {
            throw new IllegalArgumentException("the DARTS space needs --layers >= 3, got " + layers);
        }
    }
}
