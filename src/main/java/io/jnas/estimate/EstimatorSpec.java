package io.jnas.estimate;

import io.jnas.data.DataSpec;
import io.jnas.nn.kit.SpaceKits;
import java.util.List;

/**
 * What scoring an architecture needs, as data (config.yaml, or a task sent to another process): the space, the
 * estimators, the data, MOTE's settings, the NAS-Bench-201 table and the seed. {@link EstimatorContext#open} turns
 * it into estimators.
 *
 * @param space the space kit's name
 * @param estimators estimator names
 * @param data the images the estimators see (null: estimators that need none only)
 * @param mote MOTE's settings (used by mote, tse, short_acc)
 * @param table NAS-Bench-201 table file or folder (used by table), or null
 * @param tableColumn the table column scored by the table estimator, e.g. cifar10-test-200
 * @param seed seed of initialisations and batches
 */
public record EstimatorSpec(String space, List<String> estimators, DataSpec data, MoteSettings mote, String table,
        String tableColumn, long seed) {
    public EstimatorSpec {
        estimators = List.copyOf(estimators);
        SpaceKits.get(space);
        if (estimators.isEmpty()) {
            throw new IllegalArgumentException("give at least one estimator (available: " + String.join(", ", Estimators.names())
                    + ")");
        }
        for (String e : estimators) {
            Estimators.get(e);
        }
    }
}
