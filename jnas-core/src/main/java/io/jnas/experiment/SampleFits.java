package io.jnas.experiment;

import io.jnas.estimate.EstimatorProvider;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Estimators;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import io.jnas.run.RunDir;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fits over a whole scored sample (MOTE's calibration, the few-shot ranker), applied at the end of a study. */
final class SampleFits {
    /** The suffix of the column that marks the rows whose labels an estimator was fitted on. */
    static final String LABELLED = "_labelled";

    private SampleFits() {
    }

    /**
     * Rewrites the column of every estimator of {@code spec} that has a sample fit (and marks its labelled rows), writes
     * each fit to NAME_KIND.json, and returns the fits by that name for result.json.
     *
     * @param keys the rows' architectures, in the order the fits see them
     * @param trainer labels architectures by training (the few-shot ranker's train source), or null
     */
    static Map<String, Object> apply(EstimatorSpec spec, List<String> keys, List<String> columns,
            Map<String, Map<String, Double>> rows, RunDir run,
            java.util.function.Function<List<String>, Map<String, Double>> trainer) throws IOException {
        Map<String, Object> fits = new LinkedHashMap<>();
        for (String e : spec.estimators()) {
            var fit = Estimators.get(e).sampleFit(spec);
            if (fit.isEmpty()) {
                continue;
            }
            EstimatorProvider.Fitted f = fit.get().fit(new EstimatorProvider.Sample(keys, columns, col -> column(rows, keys,
                    col), trainer));
            for (int i = 0; i < keys.size(); i++) {
                rows.get(keys.get(i)).put(e, f.values()[i]);
                if (f.labelled() != null) {
                    rows.get(keys.get(i)).put(e + LABELLED, f.labelled()[i] ? 1.0 : 0.0);
                }
            }
            AtomicFiles.writeString(run.file(e + "_" + f.kind() + ".json"), Json.write(f.summary()));
            fits.put(e + "_" + f.kind(), Json.toMap(f.summary()));
        }
        return fits;
    }

    /** A column's values in the order of {@code keys} (NaN where a row has none). */
    static double[] column(Map<String, Map<String, Double>> rows, List<String> keys, String col) {
        double[] v = new double[keys.size()];
        for (int i = 0; i < v.length; i++) {
            Double x = rows.get(keys.get(i)).get(col);
            v[i] = x == null ? Double.NaN : x;
        }
        return v;
    }
}
