package io.jnas.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the demo found: the searched cell and its training (result.json of {@code jnas demo}).
 *
 * @param arch the cell the label-free search found
 * @param skips skip connections in it
 * @param marginMin the search's smallest decision margin
 * @param searchSeconds seconds of the search epochs
 * @param tableAccuracy the table's accuracy of the cell (with a table, else null)
 * @param testTop1 top-1 test accuracy (%) of the cell trained from scratch
 * @param params parameters of the trained network
 * @param macs multiply-accumulates per image
 * @param trainSeconds seconds spent training
 * @param seconds wall seconds of this process's part of the run
 * @param runDir the run directory
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoResult(String arch, int skips, double marginMin, double searchSeconds, Double tableAccuracy,
        double testTop1, long params, long macs, double trainSeconds, double seconds, String runDir) {
}
