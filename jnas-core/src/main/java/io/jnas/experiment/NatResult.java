package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a multi-objective search found (result.json of {@code jnas search nat}).
 *
 * @param strategy the strategy's name
 * @param settings the strategy's own summary (e.g. NAT's {@code policy}), written as top-level fields
 * @param objectives error followed by params and/or macs
 * @param front the non-dominated architectures, by MACs
 * @param hypervolume the strategy's hypervolume after each iteration (empty when it keeps none)
 * @param bestError the front's lowest error (%)
 * @param best the architecture with that error
 * @param evaluated architectures scored
 * @param archive the size of the archive the front was taken from
 * @param scoredBy what scored the candidates
 * @param seconds wall seconds of this process's part of the run
 * @param seed the search's seed
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NatResult(String strategy, @JsonAnySetter @JsonAnyGetter Map<String, Object> settings, List<String> objectives,
        List<FrontMember> front, List<Double> hypervolume, double bestError, String best, int evaluated, int archive,
        String scoredBy, double seconds, long seed, String runDir) {

    public NatResult {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /**
     * One member of the front.
     *
     * @param arch the architecture
     * @param error test error (%): on a super-network, of the subnet with inherited weights after BN recalibration
     * @param valError the validation error the search saw (super-network scoring only, else null)
     * @param params parameters
     * @param macs multiply-accumulates per image
     * @param highTradeoff whether it is a knee of the front (NATv2's high trade-off solutions)
     * @param latencyMs measured milliseconds per call on the search's device (searches with latency only)
     * @param predictedLatencyMs the latency model's prediction (searches with latency only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FrontMember(String arch, double error, Double valError, long params, long macs, Boolean highTradeoff,
            Double latencyMs, Double predictedLatencyMs) {

        /** A member without latency figures. */
        public FrontMember(String arch, double error, Double valError, long params, long macs, Boolean highTradeoff) {
            this(arch, error, valError, params, macs, highTradeoff, null, null);
        }

        /** The same member marked as a knee or not. */
        public FrontMember withHighTradeoff(boolean knee) {
            return new FrontMember(arch, error, valError, params, macs, knee, latencyMs, predictedLatencyMs);
        }

        /** The same member with its measured and predicted latency. */
        public FrontMember withLatency(double measured, double predicted) {
            return new FrontMember(arch, error, valError, params, macs, highTradeoff, measured, Results.round4(predicted));
        }
    }
}
