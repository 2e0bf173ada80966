package io.jnas.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jnas.run.RunDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path tmp;

    @Test
    void aReportShowsTheResultItsSectionsAndTheConfigurationEscaped() throws Exception {
        RunDir run = RunDir.create(tmp.resolve("r"));
        run.writeConfig(Map.of("command", "train", "seed", 3));
        run.appendMetrics(Map.of("epoch", 1, "lr", 0.1, "train_loss", 2.0, "train_top1", 20.0, "test_loss", 1.9,
                "test_top1", 25.0, "test_top5", 70.0, "seconds", 1.0, "images_per_s", 100.0));
        run.appendMetrics(Map.of("epoch", 2, "lr", 0.05, "train_loss", 1.5, "train_top1", 40.0, "test_loss", 1.4,
                "test_top1", 45.0, "test_top5", 80.0, "seconds", 1.0, "images_per_s", 110.0));
        Report.of(run, "a <b> run").result(Map.of("arch", "|x<y|", "front", List.of(1, 2))).section("Notes")
                .text("cells & edges").table(List.of("k", "v"), List.of(Map.of("k", "a", "v", 0.123456)))
                .trainingCurves().write();
        String html = Files.readString(run.file("report.html"));
        assertThat(html).contains("<title>a &lt;b&gt; run</title>").contains("<td>|x&lt;y|</td>").doesNotContain("front")
                .contains("cells &amp; edges").contains("<td>0.1235</td>").contains("<img src=\"loss.png\">")
                .contains("command: &quot;train&quot;").endsWith("</body></html>\n");
        assertThat(run.file("loss.png")).isNotEmptyFile();
        assertThat(run.file("accuracy.png")).isNotEmptyFile();
    }
}
