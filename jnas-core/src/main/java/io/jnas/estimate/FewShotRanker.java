package io.jnas.estimate;

import io.jnas.estimate.predict.KFoldEnsemble;
import io.jnas.estimate.predict.Predictor;
import io.jnas.space.EncodedSpace;
import io.jnas.space.SearchSpace;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Features;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code fewshot}: a ranker learned from a few labelled architectures of the sample (labels from a table's 12-epoch
 * validation column or a user's CSV), on features that cost nothing more than the study already paid: every other
 * estimator's value and terms in the same run, the space's encoding and, on NAS-Bench-201, the cell's graph features
 * ({@link Nb201Features}, after GRAF). The model is a random forest (Tribuo's CART trees, 100 of them, on standardised
 * targets; GRAF's choice too): on 1,000 seeded NAS-Bench-201 cells with 100 labels of 200-epoch accuracy it ranked the
 * other 900 at τ 0.689 where XGBoost reached 0.606 (docs/results.md). Its value exists once the whole sample is
 * scored: per architecture it is NaN until then, and search commands refuse it. A study measures it on the rows it
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

    @Override
    public void check(EstimatorSpec spec) {
        if (spec.labels() == null) {
            throw new IllegalArgumentException("the fewshot estimator learns from labelled cells: give --labels N (and "
                    + "--label-source table|csv:PATH)");
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
     */
    public record Fit(int labels, String labelSource, String labelColumn, int features, String model) {
    }

    private static Fitted fit(EstimatorSpec spec, Sample s) {
        SearchSpace<?> space = io.jnas.nn.kit.SpaceKits.get(spec.space()).space();
        List<String> own = List.of("fewshot");
        List<String> cols = s.columns().stream().filter(c -> !c.startsWith("seconds") && !own.contains(c)
                && !c.endsWith("_labelled")).toList();
        List<double[]> values = new ArrayList<>();
        cols.forEach(c -> values.add(fillMissing(s.column().apply(c))));
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
        Labels l = labels(spec, s.archs());
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
        model.fit(lx.toArray(double[][]::new), ly.stream().mapToDouble(Double::doubleValue).toArray());
        double[] pred = model.predict(x);
        return new Fitted(pred, labelled, "ranker", new Fit(lx.size(), spec.labels().source(), l.column(), x[0].length,
                "random forest (Tribuo CART, 100 trees)"));
    }

    /** The encoding and, for NAS-Bench-201, the graph features of one architecture. */
    @SuppressWarnings("unchecked")
    private static <A> List<Double> structure(SearchSpace<A> space, String text) {
        A a = space.parse(text);
        List<Double> f = new ArrayList<>();
        if (space instanceof EncodedSpace<?> e) {
            for (double v : ((EncodedSpace<A>) e).features(a)) {
                f.add(v);
            }
        }
        if (a instanceof Nb201Cell cell) {
            for (double v : Nb201Features.of(cell)) {
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

    private record Labels(Map<String, Double> accuracy, String column) {
    }

    /** The labelled architectures of the sample and their accuracies. */
    private static Labels labels(EstimatorSpec spec, List<String> archs) {
        String source = spec.labels().source();
        if (source.startsWith("csv:")) {
            Map<String, Double> given = readCsv(Path.of(source.substring(4)));
            Map<String, Double> in = new HashMap<>();
            for (String a : archs) {
                if (given.containsKey(a) && in.size() < spec.labels().count()) {
                    in.put(a, given.get(a));
                }
            }
            return new Labels(in, null);
        }
        String dataset = spec.tableColumn() == null ? "cifar10" : spec.tableColumn().split("-")[0];
        String column = dataset + "-val-12";
        Nb201Table table;
        try {
            table = Nb201Table.load(Path.of(spec.table()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a seeded draw, the same for every run of this seed and sample: the first count rows of a shuffled order
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            order.add(i);
        }
        SplittableRandom r = new SplittableRandom(spec.seed() ^ 0x5EEDL);
        for (int i = order.size() - 1; i > 0; i--) {
            java.util.Collections.swap(order, i, r.nextInt(i + 1));
        }
        Map<String, Double> acc = new HashMap<>();
        for (int i = 0; i < Math.min(spec.labels().count(), order.size()); i++) {
            String a = archs.get(order.get(i));
            acc.put(a, table.require(Nb201Cell.parse(a), column));
        }
        return new Labels(acc, column);
    }

    private static Map<String, Double> readCsv(Path p) {
        Map<String, Double> m = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(1, lines.size())) {
                int comma = line.lastIndexOf(',');
                if (comma > 0) {
                    m.put(line.substring(0, comma).trim(), Double.parseDouble(line.substring(comma + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(p + " is not a CSV of arch,accuracy (" + e.getMessage() + ")");
        }
        return m;
    }
}
