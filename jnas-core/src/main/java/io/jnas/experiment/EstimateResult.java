package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What an estimate study measured (result.json of {@code jnas estimate}); the scores themselves are in scores.csv.
 *
 * @param calibrations per estimator fitted over the sample ({@code mote_calibration}: MOTE's calibration of its two terms),
 *     written as top-level fields
 * @param poolDependent per estimator whose value ranks a cell among the pool (ensemble), how (else null)
 * @param architectures architectures scored
 * @param workers the engine the scores came from and the failures there (null in this process)
 * @param secondsPerArch mean seconds per architecture, all estimators
 * @param seconds wall seconds of this process's part of the run
 * @param scores the scores CSV
 * @param truth the table column the estimators are compared with (with a table, else null)
 * @param estimators per estimator (and term), its rank correlation with the truth (with a table, else null)
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EstimateResult(@JsonAnySetter @JsonAnyGetter Map<String, Object> calibrations,
        Map<String, Pooled> poolDependent, int architectures,
        Workers workers, double secondsPerArch, double seconds, String scores, String truth,
        Map<String, Correlation> estimators, String runDir) {

    public EstimateResult {
        calibrations = calibrations == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                calibrations));
    }

    /**
     * How a pool-dependent estimator was computed.
     *
     * @param rule mean (mean rank) or log (sum of log ranks)
     * @param members the estimators or terms it ranks
     * @param pool the architectures it ranked among
     */
    public record Pooled(String rule, List<String> members, int pool) {
    }

    /**
     * Where the scores were computed.
     *
     * @param engine the engine's name
     * @param processes worker processes (or executor slots)
     * @param threads libtorch threads per worker
     * @param failed the architectures that failed there, with the error
     */
    public record Workers(String engine, int processes, int threads, List<Map<String, Object>> failed) {
    }

    /**
     * One estimator's agreement with the truth.
     *
     * @param kendall Kendall's τ
     * @param spearman Spearman's ρ
     * @param n architectures with a finite value
     * @param top10Mean mean true accuracy of the estimator's 10 best
     * @param top10Best best true accuracy among them
     */
    public record Correlation(double kendall, double spearman, int n, double top10Mean, double top10Best) {
    }
}
