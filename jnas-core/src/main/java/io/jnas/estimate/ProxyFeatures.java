package io.jnas.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Estimators' values of one architecture as predictor inputs: each estimator's value, or, for one whose value is a rank
 * within a pool (az_nas, ensemble), its per-architecture terms; values are squashed by sign(v)·log10(1 + |v|), so that
 * a proxy spanning 30 orders of magnitude (synflow) does not swamp a predictor that is not scale-free.
 */
public final class ProxyFeatures {
    private ProxyFeatures() {
    }

    /** The features of {@code arch} from the estimators {@code names} of {@code ctx} (shared, so computed once each). */
    public static <A> double[] of(EstimatorContext<A> ctx, List<String> names, A arch) {
        List<Double> f = new ArrayList<>();
        for (String name : names) {
            Estimator<A> e = ctx.shared(name);
            Score s = e.estimate(arch);
            if (e.pooled() == null) {
                f.add(s.value());
            } else if (s.terms().isEmpty()) {
                throw new IllegalArgumentException(name + " ranks within a pool and has no terms of its own; as a feature "
                        + "computed per architecture give its members instead (e.g. mote, az_nas, jacov, synflow)");
            }
            new TreeMap<>(s.terms()).values().forEach(f::add);
        }
        return f.stream().mapToDouble(ProxyFeatures::squash).toArray();
    }

    /** sign(v)·log10(1 + |v|); 0 for a value that is not finite. */
    public static double squash(double v) {
        return Double.isFinite(v) ? Math.signum(v) * Math.log10(1 + Math.abs(v)) : 0;
    }
}
