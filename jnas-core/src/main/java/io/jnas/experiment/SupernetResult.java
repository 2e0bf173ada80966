package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A trained (or imported) super-network (result.json of {@code jnas supernet train} and {@code supernet import}).
 *
 * @param space ofa or ofav2
 * @param dataset the data set's name
 * @param pretrained the checkpoint the weights were imported from (import only, else null)
 * @param largest the largest subnet, validated
 * @param smallest the smallest subnet, validated
 * @param epochs epochs over all phases
 * @param seconds wall seconds of this process's part of the run
 * @param weights the super-network's weight file
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SupernetResult(String space, String dataset, String pretrained, Subnet largest, Subnet smallest, int epochs,
        double seconds, String weights, String runDir) {

    /**
     * One subnet with inherited weights.
     *
     * @param subnet the subnet
     * @param valTop1 validation top-1 (%) after BN recalibration
     * @param params parameters
     * @param macs multiply-accumulates per image
     */
    public record Subnet(String subnet, double valTop1, long params, long macs) {
    }
}
