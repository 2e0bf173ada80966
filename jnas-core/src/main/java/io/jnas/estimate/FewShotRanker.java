package io.jnas.estimate;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.estimate.predict.Predictor;
import io.jnas.space.EncodedSpace;
import io.jnas.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fewshot}: a ranker learned from a few labelled architectures of the sample (labels from a table's 12-epoch
 * validation column or a user's CSV), on features that cost nothing more than the study already paid: every other
 * estimator's value and terms in the same run, the space's encoding and, on NAS-Bench-201, the cell's graph features
 * (its space's {@code graph}, after GRAF). The model is a random forest (Tribuo's CART trees, 100 of them, on standardised
 * targets; GRAF's choice too): on 1,000 seeded NAS-Bench-201 cells with 100 labels of 200-epoch accuracy it ranked the
 * other 900 at τ 0.689 where XGBoost reached 0.606 (docs/results.md). Its value exists once the whole sample is
 * scored: per architecture it is NaN until then. Its final value is a rank score in 0..1: the forest's prediction mixed
 * by rank with the study's best label-free column, in the proportion that ranks the labelled rows best under
 * cross-validation ({@link FewShotBlend}). In a search it is {@link FewShotOnline}. A study measures it on the rows it
 * was not fitted on only ({@code fewshot_labelled} in scores.csv).
 */
public final class FewShotRanker implements EstimatorProvider {
    @Override
    public String name() {
        return "fewshot";
    }

    @Override
    public String description() {
        return "a ranker learned from --labels N labelled cells on the other estimators' values and the cell's structure "
                + "(estimate only)";
    }

    @Override
    public List<String> columns() {
        return List.of("fewshot", "fewshot_labelled");
    }

    @Override
    public boolean readsImages() {
        return false;
    }

    @Override
    public boolean scoresAlone() {
        return false;
    }

    /** In a search (labels with features to compute) it scores one architecture at a time ({@link FewShotOnline}). */
    @Override
    public boolean scoresAlone(EstimatorSpec spec) {
        return spec.labels() != null && spec.labels().online();
    }

    @Override
    public void check(EstimatorSpec spec) {
        if (spec.labels() == null) {
            throw new IllegalArgumentException("the fewshot estimator learns from labelled cells: give --labels N (and "
                    + "--label-source table|train|csv:PATH)");
        }
        if (spec.labels().trained() && spec.data() == null) {
            throw new IllegalArgumentException("--label-source train trains each labelled network on --dataset: give --dataset");
        }
        if (spec.labels().source().equals("table") && spec.table() == null) {
            throw new IllegalArgumentException("--label-source table reads the 12-epoch validation accuracy of --table: give "
                    + "--table, or --label-source csv:PATH");
        }
        if (spec.labels().source().startsWith("csv:") && !Files.isRegularFile(Path.of(spec.labels().source().substring(4)))) {
            throw new IllegalArgumentException("--label-source " + spec.labels().source() + ": no such file (a CSV of "
                    + "arch,accuracy)");
        }
    }

    @Override
    public <A> Estimator<A> create(EstimatorContext<A> c) {
        if (c.spec().labels() != null && c.spec().labels().online()) {
            return new FewShotOnline<>(c);
        }
        return new Estimator<>() {
            @Override
            public String name() {
                return "fewshot";
            }

            /** NaN: the value is fitted over the whole sample at the end of a study. */
            @Override
            public Score estimate(A arch) {
                return Score.of(Double.NaN, 0);
            }
        };
    }

    @Override
    public Optional<SampleFit> sampleFit(EstimatorSpec spec) {
        if (spec.labels() != null && spec.labels().online()) {
            return Optional.empty();
        }
        return Optional.of(sample -> fit(spec, sample));
    }

    /**
     * What the ranker was fitted on.
     *
     * @param labels labelled architectures
     * @param labelSource where their accuracies came from
     * @param labelColumn the table column (table source only, else null)
     * @param features features per architecture
     * @param model the model
     * @param blendedWith the label-free column mixed in by rank (null: the forest alone), see {@link FewShotBlend}
     * @param forestWeight the forest's weight in the mix
     * @param cvTau the mix's cross-validated Kendall τ on the labelled rows
     */
    public record Fit(int labels, String labelSource, String labelColumn, int features, String model, String blendedWith,
            double forestWeight, double cvTau) {
    }

    private static Fitted fit(EstimatorSpec spec, Sample s) {
        SearchSpace<?> space = io.jnas.nn.kit.SpaceKits.get(spec.space()).space();
        List<String> own = List.of("fewshot");
        List<String> cols = s.columns().stream().filter(c -> !c.startsWith("seconds") && !own.contains(c)
                && !c.endsWith("_labelled")).toList();
        List<double[]> values = new ArrayList<>();
        // squashed (monotone, so ranks and tree splits keep their order) so that no proxy is 30 orders of magnitude wide
        cols.forEach(c -> values.add(java.util.Arrays.stream(fillMissing(s.column().apply(c))).map(ProxyFeatures::squash)
                .toArray()));
        int n = s.archs().size();
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            List<Double> f = new ArrayList<>();
            for (double[] v : values) {
                f.add(v[i]);
            }
            structure(space, s.archs().get(i)).forEach(f::add);
            x[i] = f.stream().mapToDouble(Double::doubleValue).toArray();
        }
        FewShotLabels.Drawn l = FewShotLabels.draw(spec, s.archs(), s.columns().contains("ensemble")
                ? s.column().apply("ensemble") : null, s.trainer());
        boolean[] labelled = new boolean[n];
        List<double[]> lx = new ArrayList<>();
        List<Double> ly = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Double y = l.accuracy().get(s.archs().get(i));
            if (y != null) {
                labelled[i] = true;
                lx.add(x[i]);
                ly.add(y);
            }
        }
        if (lx.size() < 2) {
            throw new IllegalArgumentException("the fewshot estimator found " + lx.size() + " labelled cells in the sample ("
                    + spec.labels().source() + "); it needs at least 2");
        }
        Predictor model = new KFoldEnsemble("rf", 1, spec.seed()); // targets standardised, as for NAT's predictor
        double[][] lxa = lx.toArray(double[][]::new);
        double[] lya = ly.stream().mapToDouble(Double::doubleValue).toArray();
        model.fit(lxa, lya);
        java.util.Map<String, double[]> onLabelled = new java.util.LinkedHashMap<>();
        for (String c : FewShotBlend.candidates(cols)) {
            double[] all = values.get(cols.indexOf(c));
            onLabelled.put(c, java.util.stream.IntStream.range(0, n).filter(i -> labelled[i]).mapToDouble(i -> all[i]).toArray());
        }
        FewShotBlend.Choice mix = FewShotBlend.choose(lxa, lya, onLabelled, spec.seed());
        double[] pred = FewShotBlend.mix(model.predict(x), mix.column() == null ? null : values.get(cols.indexOf(mix.column())),
                mix.weight());
        return new Fitted(pred, labelled, "ranker", new Fit(lx.size(), spec.labels().source(), l.column(), x[0].length,
                "random forest (Tribuo CART, 100 trees)", mix.column(), mix.weight(), Math.round(mix.cvTau() * 1000) / 1000.0));
    }

    /**
     * The encoding and graph features of one architecture of an encoded space (NAS-Bench-201, OFA); of another space
     * (DARTS) the operation counts its latency model reads (each operation's count in the normal and in the reduction
     * cell), the first of GRAF's feature groups.
     */
    @SuppressWarnings("unchecked")
    static <A> List<Double> structure(SearchSpace<A> space, String text) {
        A a = space.parse(text);
        List<Double> f = new ArrayList<>();
        if (space instanceof EncodedSpace<?> e) {
            for (double v : ((EncodedSpace<A>) e).features(a)) {
                f.add(v);
            }
            for (double v : ((EncodedSpace<A>) e).graph(a)) {
                f.add(v);
            }
        } else {
            for (double v : space.latencyFeatures(a)) {
                f.add(v);
            }
        }
        return f;
    }

    /** A column with its missing values (NaN) replaced by the mean of the others (0 when all are missing). */
    private static double[] fillMissing(double[] v) {
        double sum = 0;
        int k = 0;
        for (double d : v) {
            if (Double.isFinite(d)) {
                sum += d;
                k++;
            }
        }
        double mean = k == 0 ? 0 : sum / k;
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(out[i]) ? out[i] : mean;
        }
        return out;
    }
}
