package io.jnas.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scores.csv read back for a resumed study: architectures whose text holds commas, and a last line cut by a kill. */
class ScoresCsvTest {
    @TempDir
    Path tmp;

    @Test
    void rowsOfArchitecturesWithCommasAreReadBackAndACutLastLineIsDropped() throws Exception {
        ScoresCsv csv = new ScoresCsv(tmp.resolve("scores.csv"), List.of("params", "naswot"));
        csv.begin();
        String darts = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1)], normal_concat=[2, 3, 4, 5])";
        String ofa = "{\"ks\":[3,5,7],\"e\":[3,4,6],\"d\":[2,3],\"r\":32,\"w\":1.0}";
        csv.append(darts, row(1.5, Double.NaN));
        csv.append(ofa, row(2.5, 700.25));
        Map<String, Map<String, Double>> rows = csv.read();
        assertThat(rows.keySet()).containsExactly(darts, ofa);
        assertThat(rows.get(ofa)).containsEntry("params", 2.5).containsEntry("naswot", 700.25);
        assertThat(rows.get(darts).get("naswot")).isNaN();

        // a kill mid-append: the last line has no newline and is scored again, whatever it holds
        Files.writeString(tmp.resolve("scores.csv"), "{\"ks\":[3],\"e\":[3],\"d\":[2],\"r\":32,\"w\":1.0},3.5,",
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(csv.read().keySet()).containsExactly(darts, ofa);
    }

    private static Map<String, Double> row(double params, double naswot) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("params", params);
        m.put("naswot", naswot);
        return m;
    }
}
