package io.jnas.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.estimate.Correlation;
import io.jnas.estimate.Estimator;
import io.jnas.estimate.EstimatorContext;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.estimate.Estimators;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Op;
import io.jnas.space.nb201.Nb201Space;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The few-shot ranker in real runs, on a synthetic NAS-Bench-201 table whose 12-epoch validation column follows a
 * structural truth and whose 12-epoch test column is its mirror image (100 − truth): a ranker that ever read a test
 * label would rank backwards. An estimate study labels only the drawn rows and is measured on the others; cut short
 * and resumed it gives the same scores; inside a search (scoring one cell at a time) it ranks unseen cells too.
 */
class FewShotRunTest {
    @TempDir
    Path tmp;
    private Path table;

    private static double truth(Nb201Cell c) {
        return io.jnas.estimate.FewShotRankerTest.truth(c);
    }

    @BeforeEach
    void writeTable() throws Exception {
        table = Files.createDirectories(tmp.resolve("nb201"));
        StringBuilder t200 = new StringBuilder("CIFAR10TestAccuracy200Epochs,CIFAR100TestAccuracy200Epochs,"
                + "ImageNetTestAccuracy200Epochs,ArchitectureString,UniqueString\n");
        StringBuilder t12 = new StringBuilder("arch,cellstr,cifar10-test,cifar10-val,cifar100-test,cifar100-val,imagenet-test,"
                + "imagenet-val\n");
        Nb201Op[] ops = Nb201Op.values();
        for (int code = 0; code < 15625; code++) {
            Nb201Op[] e = new Nb201Op[6];
            for (int k = 0, c = code; k < 6; k++, c /= 5) {
                e[k] = ops[c % 5];
            }
            Nb201Cell cell = Nb201Cell.of(e[0], e[1], e[2], e[3], e[4], e[5]);
            double y = truth(cell);
            t200.append(y).append(',').append(y).append(',').append(y).append(',').append(cell).append(",u\n");
            t12.append(code).append(',').append(cell).append(',').append(100 - y).append(',').append(y).append(",0,0,0,0\n");
        }
        Files.writeString(table.resolve("nb201_test_acc_200ep.csv"), t200);
        Files.writeString(table.resolve("nb201_acc_12ep.csv"), t12);
    }

    private EstimatorSpec spec(EstimatorSpec.Labels labels, String... estimators) {
        return EstimatorSpec.builder("nb201").estimators(estimators).table(table).labels(labels).build().checked();
    }

    @Test
    void aStudyLearnsFromValidationLabelsOnlyAndResumesToTheSameScores() throws Exception {
        EstimateRun cfg = new EstimateRun(spec(new EstimatorSpec.Labels(15, "table"), "params", "flops", "fewshot"), 50,
                null, null);
        Path dir = tmp.resolve("study");
        EstimateResult r = Experiments.start(cfg, dir, l -> { });
        Map<String, Map<String, Double>> scores = scores(dir);
        assertThat(scores.values().stream().filter(row -> row.get("fewshot_labelled") == 1.0)).hasSize(15);
        EstimateResult.Correlation few = r.estimators().get("fewshot");
        assertThat(few.n()).as("τ is measured on the unlabelled rows only").isEqualTo(35);
        // learning from the mirrored test column would rank backwards (τ < 0)
        assertThat(few.kendall()).as("fewshot τ %s", few.kendall()).isGreaterThan(0.5);

        // a kill leaves scores.csv with the rows written so far and no result: resumed, the scores are the same
        List<String> lines = Files.readAllLines(dir.resolve("scores.csv"));
        Files.write(dir.resolve("scores.csv"), lines.subList(0, 21));
        Files.delete(dir.resolve("result.json"));
        Experiments.resume(dir, l -> { });
        assertThat(scores(dir)).isEqualTo(scores);
    }

    @Test
    void trainedLabelsComeFromHeldOutTrainingImagesAndAResumedRunTrainsNoneTwice() throws Exception {
        io.jnas.data.Fixtures.idx(tmp.resolve("mnist"), "train", 120, 8, 8, 10, false);
        io.jnas.data.Fixtures.idx(tmp.resolve("mnist"), "t10k", 40, 8, 8, 10, false);
        EstimatorSpec s = EstimatorSpec.builder("nb201").estimators("params", "flops", "fewshot").table(table)
                .data(new io.jnas.data.DataSpec("mnist", tmp.toString(), false, 0, 0, 0, 3))
                .labels(new EstimatorSpec.Labels(4, "train", "random", List.of(), 1)).build().checked();
        Path dir = tmp.resolve("trained");
        List<String> log = new ArrayList<>();
        EstimateResult r = Experiments.start(new EstimateRun(s, 12, null, null), dir, log::add);
        Map<String, Double> trained = labels(dir);
        assertThat(trained).hasSize(4);
        assertThat(trained.values()).allSatisfy(a -> assertThat(a).isBetween(0.0, 100.0));
        Map<String, Map<String, Double>> scores = scores(dir);
        assertThat(scores.entrySet().stream().filter(e -> e.getValue().get("fewshot_labelled") == 1.0).map(Map.Entry::getKey))
                .as("the labelled rows are the trained ones").containsExactlyInAnyOrderElementsOf(trained.keySet());
        assertThat(r.estimators().get("fewshot").n()).isEqualTo(8);
        assertThat(log.stream().filter(l -> l.startsWith("fewshot: label "))).hasSize(4);

        // killed after the first label was written: the resumed run trains the other three, to the same labels and scores
        List<String> lines = Files.readAllLines(dir.resolve(io.jnas.estimate.TrainedLabels.FILE));
        Files.write(dir.resolve(io.jnas.estimate.TrainedLabels.FILE), lines.subList(0, 2));
        Files.delete(dir.resolve("result.json"));
        List<String> resumed = new ArrayList<>();
        Experiments.resume(dir, resumed::add);
        assertThat(resumed.stream().filter(l -> l.startsWith("fewshot: label "))).hasSize(3);
        assertThat(labels(dir)).isEqualTo(trained);
        assertThat(scores(dir)).isEqualTo(scores);
    }

    private static Map<String, Double> labels(Path dir) throws Exception {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve(io.jnas.estimate.TrainedLabels.FILE)).stream().skip(1).toList()) {
            int comma = line.lastIndexOf(',');
            out.put(line.substring(0, comma), Double.parseDouble(line.substring(comma + 1)));
        }
        return out;
    }

    @Test
    void inASearchItRanksCellsOneAtATimeFromValidationLabels() throws Exception {
        EstimatorSpec s = Estimators.scoring(spec(new EstimatorSpec.Labels(20, "table", "random", List.of("params")),
                "fewshot"));
        Set<Nb201Cell> cells = new LinkedHashSet<>();
        SplittableRandom r = new SplittableRandom(11);
        while (cells.size() < 40) {
            cells.add(new Nb201Space().sample(r));
        }
        double[] first = predict(s, cells);
        double[] truth = cells.stream().mapToDouble(FewShotRunTest::truth).toArray();
        assertThat(Correlation.kendall(first, truth)).isGreaterThan(0.5);
        Set<Nb201Cell> some = new LinkedHashSet<>(cells.stream().limit(8).toList());
        assertThat(predict(s, some)).as("same seed, same values").containsExactly(java.util.Arrays.copyOf(first, 8));
    }

    private static double[] predict(EstimatorSpec s, Set<Nb201Cell> cells) throws Exception {
        try (EstimatorContext<Object> ctx = EstimatorContext.open(s, l -> { })) {
            Estimator<Object> e = ctx.shared("fewshot");
            List<Double> out = new ArrayList<>();
            for (Nb201Cell c : cells) {
                out.add(e.estimate(c).value());
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static Map<String, Map<String, Double>> scores(Path dir) throws Exception {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("scores.csv"));
        List<String> head = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, Double> row = new LinkedHashMap<>();
            for (int k = 1; k < f.length; k++) {
                if (!head.get(k).startsWith("seconds")) {
                    row.put(head.get(k), f[k].isEmpty() ? Double.NaN : Double.parseDouble(f[k]));
                }
            }
            out.put(f[0], row);
        }
        return out;
    }
}
