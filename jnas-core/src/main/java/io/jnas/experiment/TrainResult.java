package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a training run found (result.json of {@code jnas train}).
 *
 * @param arch the network trained (kind and architecture)
 * @param dataset the data set's name
 * @param trainImages training images
 * @param testImages test images
 * @param epochs epochs trained
 * @param testTop1 top-1 test accuracy (%) after the last epoch
 * @param testTop5 top-5 test accuracy (%)
 * @param testLoss test loss
 * @param params trainable parameters
 * @param macs multiply-accumulates per image
 * @param imagesPerS training throughput
 * @param trainSeconds seconds spent training
 * @param seconds wall seconds of the run
 * @param seed the run's seed
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainResult(String arch, String dataset, int trainImages, int testImages, int epochs, double testTop1,
        double testTop5, double testLoss, long params, long macs, double imagesPerS, double trainSeconds, double seconds,
        long seed, String runDir) {
}
