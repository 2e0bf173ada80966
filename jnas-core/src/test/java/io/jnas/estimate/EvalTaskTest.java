package io.jnas.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Evaluation tasks as data: a JSON line there and back, and a candidate that cannot be scored is a result, not a crash. */
class EvalTaskTest {
    private static EstimatorSpec spec() {
        return new EstimatorSpec("nb201", List.of("params", "flops"), null, MoteSettings.cpu("none", 3), null, null, 3,
                new EstimatorSpec.Ensemble(List.of("params", "flops"), "mean"));
    }

    @Test
    void aTaskAndItsResultTravelAsJsonLines() {
        EvalTask t = new EvalTask(spec(), "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|", 2);
        String line = t.toJson();
        assertThat(line).doesNotContain("\n");
        assertThat(EvalTask.fromJson(line)).isEqualTo(t);
        EvalResult r = new TaskRunner(s -> { }).run(t);
        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(r.values()).containsOnlyKeys("params", "flops");
        assertThat(EvalResult.fromJson(r.toJson())).isEqualTo(r);
        assertThat(r.host()).contains("/" + ProcessHandle.current().pid());
        assertThatThrownBy(() -> EvalTask.fromJson("{\"arch\": 3")).hasMessageStartingWith("not an evaluation task");
    }

    @Test
    void aCandidateThatCannotBeScoredIsAFailedResult() {
        EvalResult r = new TaskRunner(s -> { }).run(new EvalTask(spec(), "|conv_9x9~0|", 1));
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isNotBlank().doesNotContain("\n");
        assertThat(r.values()).isEmpty();
    }
}
