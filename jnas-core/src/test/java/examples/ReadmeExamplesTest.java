package examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jnas.data.DataSpec;
import io.jnas.estimate.EstimatorSpec;
import io.jnas.experiment.EstimateResult;
import io.jnas.experiment.EstimateRun;
import io.jnas.experiment.Experiments;
import io.jnas.experiment.NatResult;
import io.jnas.experiment.NatRun;
import io.jnas.experiment.SearchResult;
import io.jnas.experiment.SearchRun;
import io.jnas.search.EvolutionConfig;
import io.jnas.search.nat.NatConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples, as a user outside {@code io.jnas} writes them: each block of the README's "From Java"
 * section is in this file word for word (checked), and runs here on the NAS-Bench-201 table and Debian's
 * Fashion-MNIST.
 */
@Tag("shared")
class ReadmeExamplesTest {
    static final Path TABLE = Path.of("..", "shared", "data", "nb201");
    static final Path README = Path.of("README.md");

    @TempDir
    Path runs;
    Path table = TABLE;

    @BeforeAll
    static void needsTheTableAndFashionMnist() {
        assumeTrue(Files.isDirectory(TABLE), "skipped: " + TABLE + " is absent (only on jnas developer machines)");
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "skipped: Debian's dataset-fashion-mnist is not installed");
    }

    @Test
    void everyJavaBlockOfTheReadmeIsInThisFile() throws Exception {
        String readme = Files.readString(README);
        String section = readme.substring(readme.indexOf("### From Java"), readme.indexOf("### Start from a pretrained"));
        String source = squash(Files.readString(Path.of("jnas-core", "src", "test", "java", "examples",
                "ReadmeExamplesTest.java")));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).hasSize(3);
        for (String b : blocks) {
            assertThat(source).as("README block not in ReadmeExamplesTest:\n%s", b).contains(squash(b));
        }
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    @Test
    void anEstimateStudy() throws Exception {
        EstimatorSpec estimators = EstimatorSpec.builder("nb201").estimators("naswot", "params").table(table)
                .data(new DataSpec("fashion-mnist", null, false, 0, 1000, 200, 0)).build();
        EstimateResult study = Experiments.start(new EstimateRun(estimators, 30, null, null), runs.resolve("estimate"),
                System.out::println);
        double naswotTau = study.estimators().get("naswot").kendall();

        assertThat(study.architectures()).isEqualTo(30);
        assertThat(study.estimators().get("params").n()).isEqualTo(30);
        assertThat(naswotTau).isBetween(-1.0, 1.0).isNotZero();
        assertThat(study.truth()).isEqualTo("cifar10-test-200");
        assertThat(Files.readAllLines(Path.of(study.scores()))).hasSize(31);
    }

    @Test
    void aMoteNasSearch() throws Exception {
        EstimatorSpec mote = EstimatorSpec.builder("nb201").estimators("mote").table(table)
                .data(new DataSpec("fashion-mnist", null, false, 0, 0, 0, 0)).build();
        SearchRun moteNas = new SearchRun(mote, new EvolutionConfig(6, 1, 0.5, 0), "topk", 3, "cifar10-val-12", null);
        SearchResult found = Experiments.start(moteNas, runs.resolve("mote"), System.out::println);
        System.out.println(found.arch() + " is worth " + found.tableAccuracy() + " % in the table");

        assertThat(found.evaluated()).isEqualTo(new EvolutionConfig(6, 1, 0.5, 0).budget());
        assertThat(found.validated()).hasSize(3);
        // the chosen cell is the validated one with the best 12-epoch accuracy
        assertThat(found.validated().stream().max(java.util.Comparator.comparingDouble(r -> ((Number) r.get("cifar10-val-12"))
                .doubleValue())).orElseThrow().get("arch")).isEqualTo(found.arch());
        assertThat(found.tableAccuracy()).isBetween(10.0, 95.0);
    }

    @Test
    void aNatSearchResumed() throws Exception {
        NatConfig natv2 = NatConfig.builder().objectives("error", "params").evaluations(60).adaptEpochs(0).seed(0).build();
        EstimatorSpec byTable = EstimatorSpec.builder("nb201").estimators("table").table(table).build();
        NatResult front = Experiments.start(new NatRun(natv2, natv2.objectives(), byTable, null, 0, null), runs.resolve("nat"),
                System.out::println);
        front.front().forEach(m -> System.out.println(m.arch() + ": " + m.error() + " % error, " + m.params() + " params"));
        NatResult again = (NatResult) Experiments.resume(runs.resolve("nat"), System.out::println);

        assertThat(front.evaluated()).isEqualTo(60);
        assertThat(front.settings()).containsEntry("policy", "natv2");
        assertThat(again.front()).isEqualTo(front.front());
        assertThat(again.hypervolume()).isEqualTo(front.hypervolume());
        // no member of the front is dominated by another in (error, params)
        for (NatResult.FrontMember a : front.front()) {
            assertThat(front.front()).noneMatch(b -> b.error() <= a.error() && b.params() <= a.params()
                    && (b.error() < a.error() || b.params() < a.params()));
        }
    }
}
