package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a search scored by an estimator found (result.json of {@code jnas search mote}).
 *
 * @param arch the chosen architecture
 * @param strategy the strategy's name
 * @param estimator the estimator that scored
 * @param selection how the architecture was chosen: "best estimate" or "top-K by VALIDATION"
 * @param tableAccuracy the table's accuracy of the chosen architecture (with a table, else null)
 * @param tableColumn the table's column that accuracy comes from
 * @param evaluated architectures scored
 * @param validated the top k: each row's arch, its estimate under the estimator's name and its validation under the
 *     validation's name (null when the best estimate was chosen)
 * @param seconds seconds spent scoring, summed over candidates
 * @param wallSeconds wall seconds of this process's part of the run
 * @param seed the search's seed
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchResult(String arch, String strategy, String estimator, String selection, Double tableAccuracy,
        String tableColumn, int evaluated, List<Map<String, Object>> validated, double seconds, double wallSeconds, long seed,
        String runDir) {
}
