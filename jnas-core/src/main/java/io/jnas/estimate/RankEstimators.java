package io.jnas.estimate;

import ai.djl.ndarray.types.Shape;
import io.jnas.nn.kit.SpaceKit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pool-dependent estimators that come with jnas: AZ-NAS and the rank ensemble. */
public final class RankEstimators {
    /**
     * The ensemble's members when none are given, combined by mean rank: the best of every 2- to 5-member combination
     * of 16 columns on the first 100 cells of the NAS-Bench-201 protocol sample (bench/ensemble_select.py; on the other
     * 400 cells τ 0.774, see docs/results.md).
     */
    public static final List<String> DEFAULT_MEMBERS = List.of("mote_landscape", "jacov", "synflow", "az_expressivity",
            "az_trainability");

    /** The rank rule of the default ensemble. */
    public static final String DEFAULT_RULE = "mean";

    private RankEstimators() {
    }

    /** The provider that fills {@code column}: the estimator of that name, or the one with that term. */
    public static EstimatorProvider owner(String column) {
        for (String n : Estimators.names()) {
            if (Estimators.get(n).columns().contains(column)) {
                return Estimators.get(n);
            }
        }
        throw new IllegalArgumentException("no estimator gives '" + column + "' (estimators: " + String.join(", ",
                Estimators.names()) + "; a member may also be a term such as mote_landscape or az_trainability)");
    }

    /** AZ-NAS (Lee and Ham, CVPR 2024): its four proxies' log-ranks summed over the pool. */
    public static final class AzNas implements EstimatorProvider {
        @Override
        public String name() {
            return "az_nas";
        }

        @Override
        public String description() {
            return "AZ-NAS: expressivity, progressivity, trainability and FLOPs of the network at initialisation, "
                    + "combined by their log-ranks over the architectures scored so far (pool-dependent)";
        }

        @Override
        public List<String> columns() {
            List<String> c = new ArrayList<>(List.of(name()));
            c.addAll(AzNasProxies.TERMS);
            return c;
        }

        @Override
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            SpaceKit<A> kit = c.kit();
            int in = c.hasData() ? c.data().train().channels() : 3;
            int classes = c.hasData() ? c.data().numClasses() : 10;
            int size = c.hasData() ? c.data().train().height() : 32;
            Estimator<A> proxies = new AzNasProxies<>((init, a) -> kit.network(init, a, in, classes, kit.defaultShape()),
                    kit.space()::format, a -> kit.cost(a, in, classes, size).flops(), new Shape(64, in, size, size),
                    c.seed());
            Map<String, Estimator<A>> sources = new LinkedHashMap<>();
            AzNasProxies.TERMS.forEach(t -> sources.put(t, proxies));
            return new RankEnsemble<>(new RankRule(name(), Ranks.Rule.LOG, AzNasProxies.TERMS, List.of()), sources,
                    kit.space()::format);
        }
    }

    /** Rank aggregation over any estimators and terms (--ensemble); pool-dependent. */
    public static final class Ensemble implements EstimatorProvider {
        @Override
        public String name() {
            return "ensemble";
        }

        @Override
        public String description() {
            return "rank aggregate of other estimators or terms over the architectures scored so far (--ensemble; "
                    + "default " + String.join(",", DEFAULT_MEMBERS) + "; pool-dependent)";
        }

        @Override
        public <A> Estimator<A> create(EstimatorContext<A> c) {
            EstimatorSpec.Ensemble spec = c.spec().ensembleOrDefault();
            List<String> columns = new ArrayList<>();
            List<RankRule> nested = new ArrayList<>();
            Map<String, Estimator<A>> sources = new LinkedHashMap<>();
            for (String m : spec.members()) {
                if (m.equals(name())) {
                    throw new IllegalArgumentException("the ensemble cannot be its own member");
                }
                EstimatorProvider owner = owner(m);
                Estimator<A> source = c.shared(owner.name());
                RankRule inner = m.equals(owner.name()) ? source.pooled() : null;
                if (inner != null) {
                    nested.add(inner);
                    inner.leaves().forEach(l -> sources.put(l, source));
                } else {
                    columns.add(m);
                    sources.put(m, source);
                }
            }
            return new RankEnsemble<>(new RankRule(name(), Ranks.Rule.of(spec.rule()), columns, nested), sources,
                    c.kit().space()::format);
        }
    }
}
