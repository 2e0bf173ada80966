package io.jnas.train;

import ai.djl.ndarray.NDArray;
import io.jnas.nn.Module;
import io.jnas.nn.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cheap end-of-epoch look at a model's tensors, so that a long run shows trouble while it can
 * still be acted on: the largest weight magnitude (convolution and linear weights), the largest
 * and smallest BN running variance, and the tensors that hold a NaN or an infinity. Training
 * mode BN hides growing or broken tensors from the loss; inference does not.
 *
 * @param maxWeight largest |w| over WEIGHT tensors, and {@code maxWeightAt} where it is
 * @param maxVar largest BN running variance, and {@link #maxVarAt} where it is
 * @param minVar smallest BN running variance
 * @param nonFinite names of tensors holding a NaN or an infinity (parameters and buffers)
 */
public record WeightHealth(double maxWeight, String maxWeightAt, double maxVar, String maxVarAt, double minVar,
        List<String> nonFinite) {

    public WeightHealth {
        nonFinite = List.copyOf(nonFinite);
    }

    /** Inspects every parameter and buffer of {@code model}. */
    public static WeightHealth of(Module model) {
        double maxW = 0;
        String maxWName = "";
        double maxV = 0;
        String maxVName = "";
        double minV = Double.POSITIVE_INFINITY;
        List<String> bad = new ArrayList<>();
        for (Param p : model.parameters()) {
            NDArray a = p.array();
            if (a.getShape().size() == 0) {
                continue;
            }
            // copied to the heap: no native temporaries on the model's long-lived manager
            double[] v = values(a);
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            boolean finite = true;
            for (double f : v) {
                if (!Double.isFinite(f)) {
                    finite = false;
                    break;
                }
                max = Math.max(max, Math.abs(f));
                min = Math.min(min, f);
            }
            if (!finite) {
                bad.add(p.name());
                continue;
            }
            if (p.kind() == Param.Kind.WEIGHT && max > maxW) {
                maxW = max;
                maxWName = p.name();
            }
            if (p.kind() == Param.Kind.BN_VAR) {
                if (max > maxV) {
                    maxV = max;
                    maxVName = p.name();
                }
                minV = Math.min(minV, min);
            }
        }
        return new WeightHealth(maxW, maxWName, maxV, maxVName, minV == Double.POSITIVE_INFINITY ? Double.NaN : minV, bad);
    }

    private static double[] values(NDArray a) {
        if (a.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Whether every tensor is finite. */
    public boolean finite() {
        return nonFinite.isEmpty();
    }

    /** The figures as metrics-log fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_abs_weight", maxWeight);
        m.put("max_abs_weight_at", maxWeightAt);
        m.put("max_running_var", maxVar);
        m.put("max_running_var_at", maxVarAt);
        m.put("min_running_var", minVar);
        m.put("non_finite_tensors", nonFinite.size());
        return m;
    }
}
