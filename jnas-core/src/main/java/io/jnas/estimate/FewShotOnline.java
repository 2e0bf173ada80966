package io.jnas.estimate;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.estimate.predict.Predictor;
import io.jnas.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The few-shot ranker inside a search: before the first candidate is scored, it labels {@code --labels} architectures
 * (a seeded draw of the space with a table's 12-epoch validation accuracy or jnas's training of each, kept in the run
 * directory so that a resumed search trains none twice; or a user's CSV rows), computes their
 * features and fits the random forest; every candidate then costs its features (the {@code --fewshot-features}
 * estimators, e.g. naswot, synflow, jacov, params, flops, plus the space's encoding and graph features) and one
 * prediction. Its value is the predicted accuracy (%); the first candidate's seconds include the labelled set's
 * features. Features come
 * from {@link ProxyFeatures}.
 *
 * @param <A> architecture type
 */
final class FewShotOnline<A> implements Estimator<A> {
    private final EstimatorContext<A> ctx;
    private final SearchSpace<A> space;
    private Predictor model;
    private double fitSeconds;

    FewShotOnline(EstimatorContext<A> ctx) {
        this.ctx = ctx;
        this.space = ctx.kit().space();
    }

    @Override
    public String name() {
        return "fewshot";
    }

    @Override
    public Score estimate(A arch) {
        long t0 = System.nanoTime();
        double extra = fit();
        double value = model.predict(new double[][] {features(arch)})[0];
        return Score.of(value, (System.nanoTime() - t0) / 1e9 + extra);
    }

    /** Fits the ranker once; returns the seconds it took the first time (0 afterwards). */
    private synchronized double fit() {
        if (model != null) {
            return 0;
        }
        long t0 = System.nanoTime();
        EstimatorSpec spec = ctx.spec();
        List<String> candidates = spec.labels().source().startsWith("csv:") ? FewShotLabels.csvArchs(spec) : sample(spec);
        FewShotLabels.Drawn drawn = FewShotLabels.draw(spec, candidates, null, archs -> {
            if (ctx.runDir() == null) {
                throw new IllegalStateException("--label-source train trains the labelled networks in the run's own process");
            }
            return TrainedLabels.ensure(ctx, archs, ctx.runDir().resolve(TrainedLabels.FILE), (k, n) -> { });
        });
        if (drawn.accuracy().size() < 2) {
            throw new IllegalArgumentException("the fewshot estimator found " + drawn.accuracy().size() + " labelled "
                    + "architectures in " + spec.labels().source() + "; it needs at least 2");
        }
        ctx.log("fewshot: labelling " + drawn.accuracy().size() + " architectures (" + spec.labels().source()
                + (drawn.column() == null ? "" : ", " + drawn.column()) + ") and computing their features "
                + spec.labels().features());
        double[][] x = new double[drawn.accuracy().size()][];
        double[] y = new double[x.length];
        int i = 0;
        for (Map.Entry<String, Double> e : drawn.accuracy().entrySet()) {
            x[i] = features(space.parse(e.getKey()));
            y[i++] = e.getValue();
        }
        Predictor m = new KFoldEnsemble("rf", 1, spec.seed());
        m.fit(x, y);
        model = m;
        fitSeconds = (System.nanoTime() - t0) / 1e9;
        ctx.log(String.format("fewshot: ranker fitted on %d labelled architectures, %d features each (%.1f s)", x.length,
                x[0].length, fitSeconds));
        return fitSeconds;
    }

    /** {@code count} distinct architectures of the space, drawn with the run's seed (the table source labels them). */
    private List<String> sample(EstimatorSpec spec) {
        SplittableRandom r = new SplittableRandom(spec.seed() ^ 0xF3E5L);
        Set<String> out = new LinkedHashSet<>();
        for (int guard = 0; out.size() < spec.labels().count() && guard < spec.labels().count() * 100; guard++) {
            out.add(space.format(space.sample(r)));
        }
        return new ArrayList<>(out);
    }

    /** The features estimators' values (or a pool-dependent one's terms), then the encoding and graph features. */
    private double[] features(A arch) {
        double[] proxies = ProxyFeatures.of(ctx, ctx.spec().labels().features(), arch);
        List<Double> structure = FewShotRanker.structure(space, space.format(arch));
        double[] f = java.util.Arrays.copyOf(proxies, proxies.length + structure.size());
        for (int i = 0; i < structure.size(); i++) {
            f[proxies.length + i] = structure.get(i);
        }
        return f;
    }
}
