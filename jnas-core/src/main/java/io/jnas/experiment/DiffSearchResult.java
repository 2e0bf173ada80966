package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a differentiable search found (result.json of {@code jnas search mae} and {@code search darts}).
 *
 * @param arch the derived architecture
 * @param skips skip connections in it
 * @param marginMin the smallest decision margin over the edges (softmax(α) of the chosen op minus the runner-up)
 * @param marginMean the mean decision margin
 * @param seconds seconds of the search epochs
 * @param wallSeconds wall seconds of this process's part of the run
 * @param space the space searched
 * @param objective mae or supervised
 * @param maskRatio the masked share of patches (mae only, else null)
 * @param decoder hierarchical or plain (mae only, else null)
 * @param epochs search epochs
 * @param seed the search's seed
 * @param tableAccuracy the table's accuracy of the derived cell (with a table, else null)
 * @param tableColumn the table's column that accuracy comes from
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DiffSearchResult(String arch, int skips, double marginMin, double marginMean, double seconds, double wallSeconds,
        String space, String objective, Double maskRatio, String decoder, int epochs, long seed, Double tableAccuracy,
        String tableColumn, String runDir) {
}
