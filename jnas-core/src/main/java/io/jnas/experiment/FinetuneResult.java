package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What fine-tuning a subnet found (result.json of {@code jnas finetune}).
 *
 * @param subnet the subnet fine-tuned
 * @param bestEpochs the epoch count chosen on validation
 * @param valTop1 validation top-1 (%) at that count
 * @param testTop1 top-1 test accuracy (%) of the final stage
 * @param testTop5 top-5 test accuracy (%)
 * @param params parameters of the subnet
 * @param macs multiply-accumulates per image
 * @param seconds wall seconds of the run
 * @param supernet the super-network the subnet's weights came from
 * @param runDir the run directory
 * @param latencyMs the subnet's latency on this machine (jnas latency's protocol: ONNX Runtime, batch 1, 1 thread)
 * @param latencyDevice the device it was measured on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinetuneResult(String subnet, int bestEpochs, double valTop1, double testTop1, double testTop5, long params,
        long macs, double seconds, String supernet, String runDir, Double latencyMs, java.util.Map<String, Object> latencyDevice) {
}
