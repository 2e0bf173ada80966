package io.jnas.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jnas.data.DataSpec;
import io.jnas.data.Fixtures;
import io.jnas.nn.kit.ModelSpec;
import io.jnas.run.RunDir;
import io.jnas.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment layer as a Java program uses it (README, docs/architecture.md), without the command line. */
class ExperimentsTest {
    @TempDir
    Path tmp;

    private DataSpec mnist() throws Exception {
        Fixtures.idx(tmp.resolve("mnist"), "train", 120, 8, 8, 10, false);
        Fixtures.idx(tmp.resolve("mnist"), "t10k", 40, 8, 8, 10, false);
        return new DataSpec("mnist", tmp.toString(), false, 0, 0, 0, 3);
    }

    @Test
    void aJavaProgramStartsAndResumesAnExperiment() throws Exception {
        TrainRun cfg = new TrainRun(new ModelSpec("nb201", "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|"
                + "none~1|avg_pool_3x3~2|", 4, 1, false), mnist(), TrainConfig.nb201Protocol(2, 32, 1, 3));
        List<String> log = new ArrayList<>();
        Path dir = tmp.resolve("run");
        TrainResult r = Experiments.start(cfg, dir, log::add);
        assertThat(r.epochs()).isEqualTo(2);
        assertThat(r.params()).isPositive();
        // result.json is the record, snake_case, and reads back into it
        Map<String, Object> json = io.jnas.run.Json.toMap(io.jnas.run.Json.MAPPER.readTree(dir.resolve("result.json").toFile()));
        assertThat(json).containsEntry("epochs", 2).containsEntry("test_top1", r.testTop1()).containsKeys("images_per_s",
                "run_dir");
        assertThat(Experiments.part(cfg, dir, l -> { })).isEqualTo(r);
        assertThat(log).anyMatch(l -> l.startsWith("epoch 2/2"));
        Map<String, Object> file = RunDir.open(dir).readConfig();
        assertThat(file).containsEntry("command", "train").containsEntry("seed", 3).containsKeys("config", "versions");
        // resumed, the finished run reports the same figures from its own folder
        assertThat(((TrainResult) Experiments.resume(dir, l -> { })).testTop1()).isEqualTo(r.testTop1());
        assertThat(Experiments.forConfig(cfg).name()).isEqualTo("train");
    }

    @Test
    void aRunThatCannotStartLeavesNoDirectory() throws Exception {
        TrainRun cfg = new TrainRun(new ModelSpec(ModelSpec.CNN, null, 4, 1, false),
                new DataSpec("mnist", tmp.resolve("nowhere").toString(), false, 0, 0, 0, 0), TrainConfig.defaults(1, 8, 0));
        Path dir = tmp.resolve("never");
        assertThatThrownBy(() -> Experiments.start(cfg, dir, l -> { })).hasMessageContaining("mnist not found");
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void aConfigurationFromAnotherVersionIsOneClearLine() throws Exception {
        Path dir = tmp.resolve("old");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "command: search\nseed: 0\nsearch: {space: nb201}\n");
        assertThatThrownBy(() -> Experiments.resume(dir, l -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir + "/config.yaml names command 'search', which this version of jnas cannot resume");
    }
}
