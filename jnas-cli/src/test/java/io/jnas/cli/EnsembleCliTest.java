package io.jnas.cli;

import static io.jnas.cli.CliTest.run;
import static io.jnas.cli.CliTest.userError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jnas.data.Fixtures;
import io.jnas.estimate.Ranks;
import io.jnas.run.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool-dependent estimators from the command line: az_nas and the ensemble, in estimate and in search mote. */
class EnsembleCliTest {
    @TempDir
    Path tmp;

    private void data() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 120, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 30, 8, 8, 10, false);
    }

    private static double[] column(List<String[]> rows, List<String> header, String name) {
        int i = header.indexOf(name);
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[i])).toArray();
    }

    @Test
    void estimateAddsTheMembersAndGivesTheRuleOverTheWholeSample() throws Exception {
        data();
        Path out = tmp.resolve("est");
        CliTest.Run r = run("estimate", "--space", "nb201", "--estimators", "ensemble", "--ensemble", "naswot,az_nas",
                "--ensemble-rule", "mean", "--sample", "5", "--dataset", "mnist", "--data", tmp.toString(), "--out",
                out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out.resolve("scores.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        assertThat(header).containsSubsequence("ensemble", "naswot", "az_nas", "az_expressivity", "az_progressivity",
                "az_trainability", "az_complexity");
        List<String[]> rows = new ArrayList<>();
        lines.subList(1, lines.size()).forEach(l -> rows.add(l.split(",")));
        assertThat(rows).hasSize(5);
        double[] az = Ranks.aggregate(List.of(column(rows, header, "az_expressivity"), column(rows, header, "az_progressivity"),
                column(rows, header, "az_trainability"), column(rows, header, "az_complexity")), Ranks.Rule.LOG);
        assertThat(column(rows, header, "az_nas")).containsExactly(az, within(1e-9));
        double[] ens = Ranks.aggregate(List.of(column(rows, header, "naswot"), az), Ranks.Rule.MEAN);
        assertThat(column(rows, header, "ensemble")).containsExactly(ens, within(1e-9));
        Map<?, ?> res = Json.MAPPER.readValue(r.lastLine(), Map.class);
        assertThat(new java.util.TreeSet<Object>(((Map<?, ?>) res.get("pool_dependent")).keySet())).containsExactly("az_nas", "ensemble");
        userError(run("estimate", "--estimators", "ensemble", "--ensemble", "naswot,magic", "--dataset", "mnist", "--data",
                tmp.toString()), "no estimator gives 'magic'");
        userError(run("estimate", "--estimators", "ensemble", "--ensemble-rule", "median", "--dataset", "mnist", "--data",
                tmp.toString()), "allowed: log, mean");
    }

    @Test
    void searchMoteWithTheEnsembleReturnsTheBestOfTheFinalRanking() throws Exception {
        data();
        Path out = tmp.resolve("search");
        CliTest.Run r = run("search", "mote", "--estimator", "ensemble", "--ensemble", "naswot,flops", "--variant", "ef",
                "--initial", "6", "--iterations", "1", "--dataset", "mnist", "--data", tmp.toString(), "--out",
                out.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<?, ?> res = Json.MAPPER.readValue(r.lastLine(), Map.class);
        assertThat(res.get("evaluated")).isEqualTo(16);
        assertThat(r.err() + r.out()).contains("depends on the pool");
        userError(run("search", "nat", "--space", "nb201", "--estimator", "ensemble", "--ensemble", "naswot,flops",
                "--dataset", "mnist", "--data", tmp.toString(), "--evaluations", "40"), "accuracy in %");
    }
}
