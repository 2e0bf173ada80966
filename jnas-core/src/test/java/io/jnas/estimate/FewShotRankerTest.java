package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Features;
import io.jnas.space.nb201.Nb201Op;
import io.jnas.space.nb201.Nb201Space;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The few-shot ranker on a synthetic truth that depends on the cell's structure (3×3 convolutions on open paths count,
 * a cut input-to-output graph scores lowest) and a noisy cheap score: fitted on 40 labelled cells it must rank the
 * other 160 better than the cheap score does, the labelled rows must be the given ones, and the same seed must give
 * the same values.
 */
public class FewShotRankerTest {
    @TempDir
    Path tmp;

    /** The synthetic truth of these tests (also {@code FewShotRunTest}'s). */
    public static double truth(Nb201Cell c) {
        double[] f = Nb201Features.of(c);
        List<String> n = Nb201Features.names();
        boolean cut = f[n.indexOf("paths_group5")] == 0;
        return cut ? 10 : 60 + 5 * f[n.indexOf("convs_on_longest_path")] + 2 * c.count(Nb201Op.NOR_CONV_3X3)
                + c.count(Nb201Op.NOR_CONV_1X1);
    }

    @Test
    void learnsFromAFewLabelsAndIsMeasuredOnTheRest() throws Exception {
        Set<Nb201Cell> cells = new LinkedHashSet<>();
        SplittableRandom r = new SplittableRandom(7);
        while (cells.size() < 200) {
            cells.add(new Nb201Space().sample(r));
        }
        List<String> archs = cells.stream().map(Nb201Cell::toString).toList();
        double[] cheap = new double[archs.size()];
        double[] truth = new double[archs.size()];
        StringBuilder csv = new StringBuilder("arch,accuracy\n");
        for (int i = 0; i < archs.size(); i++) {
            truth[i] = truth(Nb201Cell.parse(archs.get(i)));
            cheap[i] = truth[i] + 15 * r.nextGaussian();
            if (i % 5 == 0) {
                csv.append(archs.get(i)).append(',').append(truth[i]).append('\n');
            }
        }
        Path labels = tmp.resolve("labels.csv");
        Files.writeString(labels, csv);
        EstimatorSpec spec = EstimatorSpec.builder("nb201").estimators("params", "fewshot")
                .labels(new EstimatorSpec.Labels(1000, "csv:" + labels)).build().checked();
        EstimatorProvider.Sample sample = new EstimatorProvider.Sample(archs, List.of("cheap", "fewshot", "fewshot_labelled"),
                c -> c.equals("cheap") ? cheap : new double[archs.size()]);
        EstimatorProvider.Fitted f = new FewShotRanker().sampleFit(spec).orElseThrow().fit(sample);

        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            assertThat(f.labelled()[i]).isEqualTo(i % 5 == 0);
            if (i % 5 != 0) {
                rest.add(i);
            }
        }
        double tauRanker = Correlation.kendall(rest.stream().mapToDouble(i -> f.values()[i]).toArray(),
                rest.stream().mapToDouble(i -> truth[i]).toArray());
        double tauCheap = Correlation.kendall(rest.stream().mapToDouble(i -> cheap[i]).toArray(),
                rest.stream().mapToDouble(i -> truth[i]).toArray());
        assertThat(tauRanker).as("ranker τ %s against the cheap score's %s", tauRanker, tauCheap).isGreaterThan(tauCheap + 0.1);
        assertThat(((FewShotRanker.Fit) f.summary()).labels()).isEqualTo(40);
        assertThat(new FewShotRanker().sampleFit(spec).orElseThrow().fit(sample).values()).containsExactly(f.values());
    }

    @Test
    void itNeedsLabelsAndIsRefusedBySearches() {
        assertThatThrownBy(() -> EstimatorSpec.builder("nb201").estimators("fewshot").build().checked())
                .hasMessageContaining("--labels N");
        assertThatThrownBy(() -> EstimatorSpec.builder("nb201").estimators("fewshot")
                .labels(new EstimatorSpec.Labels(10, "table")).build().checked()).hasMessageContaining("give --table");
        EstimatorSpec ok = EstimatorSpec.builder("nb201").estimators("fewshot").table(Path.of("t"))
                .labels(new EstimatorSpec.Labels(10, "table")).build();
        assertThatThrownBy(() -> Estimators.scoring(ok)).hasMessageContaining("use it with jnas estimate");
        assertThatThrownBy(() -> new EstimatorSpec.Labels(1, "table")).hasMessageContaining("--labels must be >= 2");
        assertThatThrownBy(() -> new EstimatorSpec.Labels(5, "web")).hasMessageContaining("--label-source must be");
        assertThatThrownBy(() -> new EstimatorSpec.Labels(5, "train")).hasMessageContaining("give --label-epochs");
        assertThatThrownBy(() -> EstimatorSpec.builder("nb201").estimators("params", "fewshot")
                .labels(new EstimatorSpec.Labels(5, "train", "random", List.of(), 2)).build().checked())
                .hasMessageContaining("give --dataset");
    }

    @Test
    void graphFeaturesOfKnownCells() {
        List<String> n = Nb201Features.names();
        double[] allConv = Nb201Features.of(Nb201Cell.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+"
                + "|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"));
        assertThat(allConv[n.indexOf("count_nor_conv_3x3")]).isEqualTo(6);
        assertThat(allConv[n.indexOf("paths_group1")]).isEqualTo(4);
        assertThat(allConv[n.indexOf("shortest_group1")]).isEqualTo(1);
        assertThat(allConv[n.indexOf("convs_on_longest_path")]).isEqualTo(3);
        // only the direct edge 0→3 is open, and it is a skip: no convolution path, one skip path of length 1
        double[] skipOnly = Nb201Features.of(Nb201Cell.parse("|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"));
        assertThat(skipOnly[n.indexOf("paths_group0")]).isZero();
        assertThat(skipOnly[n.indexOf("paths_group3")]).isEqualTo(1);
        assertThat(skipOnly[n.indexOf("shortest_group3")]).isEqualTo(1);
        assertThat(skipOnly[n.indexOf("convs_on_longest_path")]).isZero();
        assertThat(n).hasSize(allConv.length).doesNotHaveDuplicates();
    }

    @Test
    void aDartsGenotypesStructureIsItsOperationCountsPerCell() {
        io.jnas.space.darts.DartsSpace darts = new io.jnas.space.darts.DartsSpace();
        String g = darts.format(darts.sample(new SplittableRandom(3)));
        List<Double> f = FewShotRanker.structure(darts, g);
        assertThat(f).hasSize(21);
        // 8 edges in the normal cell, 8 in the reduction cell (those from its inputs, then those from intermediate nodes),
        // of which the first node's two read inputs
        assertThat(f.subList(0, 7).stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(8);
        assertThat(f.subList(7, 21).stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(8);
        assertThat(f.subList(7, 14).stream().mapToDouble(Double::doubleValue).sum()).isGreaterThanOrEqualTo(2);
    }
}
