package io.jnas.estimate;

import io.jnas.space.nb201.Nb201Cell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Which architectures the few-shot ranker learns from, and their accuracies. Only the label source decides the
 * accuracy: a NAS-Bench-201 table's 12-epoch validation column (never the test column a study is judged against), a
 * user's CSV of arch,accuracy, or jnas's own training of each drawn architecture ({@link TrainedLabels}). The draw
 * decides which architectures: {@code random} (seeded by the run's seed, or by K with {@code random:K}) or
 * {@code spread} (evenly spaced along a label-free ranking, from a seeded offset, so that good, middling and poor
 * architectures are all labelled).
 */
final class FewShotLabels {
    private FewShotLabels() {
    }

    /**
     * Labelled architectures.
     *
     * @param accuracy accuracy (%) by architecture text
     * @param column the table column read (table source), else null
     */
    record Drawn(Map<String, Double> accuracy, String column) {
    }

    /**
     * Draws up to {@code labels.count()} of {@code candidates} (text forms) that the source can label, and labels them.
     *
     * @param spreadBy a label-free score per candidate (larger better) for the {@code spread} draw, else null
     * @param trainer with the {@code train} source, labels the drawn architectures by training them (else unused)
     */
    static Drawn draw(EstimatorSpec spec, List<String> candidates, double[] spreadBy,
            Function<List<String>, Map<String, Double>> trainer) {
        EstimatorSpec.Labels labels = spec.labels();
        Map<String, Double> csv = labels.source().startsWith("csv:") ? readCsv(Path.of(labels.source().substring(4))) : null;
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (csv == null || csv.containsKey(candidates.get(i))) {
                open.add(i);
            }
        }
        long seed = labels.draw().startsWith("random:") ? Long.parseLong(labels.draw().substring(7)) : spec.seed();
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EEDL);
        List<Integer> chosen = labels.draw().equals("spread") ? spread(open, spreadBy, labels.count(), r)
                : shuffled(open, r).subList(0, Math.min(labels.count(), open.size()));
        Map<String, Double> acc = new LinkedHashMap<>();
        String column = null;
        if (csv != null) {
            chosen.forEach(i -> acc.put(candidates.get(i), csv.get(candidates.get(i))));
        } else if (labels.trained()) {
            if (trainer == null) {
                throw new IllegalStateException("--label-source train needs a run that can train the labelled networks");
            }
            acc.putAll(trainer.apply(chosen.stream().map(candidates::get).toList()));
            column = "trained-" + labels.epochs() + "-epochs-held-out";
        } else {
            column = (spec.tableColumn() == null ? "cifar10" : spec.tableColumn().split("-")[0]) + "-val-12";
            Nb201Table table = table(spec);
            for (int i : chosen) {
                acc.put(candidates.get(i), table.require(Nb201Cell.parse(candidates.get(i)), column));
            }
        }
        return new Drawn(acc, column);
    }

    /** The labelled rows of a user's CSV (arch,accuracy), every one of them: a search learns from those it is given. */
    static List<String> csvArchs(EstimatorSpec spec) {
        return new ArrayList<>(readCsv(Path.of(spec.labels().source().substring(4))).keySet());
    }

    private static List<Integer> shuffled(List<Integer> in, SplittableRandom r) {
        List<Integer> order = new ArrayList<>(in);
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, r.nextInt(i + 1));
        }
        return order;
    }

    /** {@code count} of {@code open}, evenly spaced along {@code score} (best first), the first at a seeded offset. */
    private static List<Integer> spread(List<Integer> open, double[] score, int count, SplittableRandom r) {
        if (score == null) {
            throw new IllegalArgumentException("--label-draw spread labels cells along the label-free ensemble's ranking: add "
                    + "ensemble (and its members) to --estimators, or use --label-draw random");
        }
        List<Integer> byScore = new ArrayList<>(open);
        byScore.sort(Comparator.comparingDouble((Integer i) -> -score[i]));
        int n = Math.min(count, byScore.size());
        double step = byScore.size() / (double) n;
        double offset = r.nextDouble() * step;
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(byScore.get(Math.min(byScore.size() - 1, (int) (offset + k * step))));
        }
        return out;
    }

    private static Nb201Table table(EstimatorSpec spec) {
        try {
            return Nb201Table.load(Path.of(spec.table()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Double> readCsv(Path p) {
        Map<String, Double> m = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(p);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
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
