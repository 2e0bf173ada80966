package io.jnas.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A search's latency settings: defaults for configs written before a field existed, and errors named as its options. */
class NatRunLatencyTest {

    @Test
    void oldConfigsGetTheirDefaultsAndBadValuesNameTheSearchOptions() {
        NatRun.Latency old = new NatRun.Latency("ort", 1, 1, 0, 0, null, null);
        assertThat(old.cells()).isEqualTo(io.jnas.latency.LatencyModels.CELLS);
        assertThat(old.measure().spread()).isEqualTo(io.jnas.latency.MeasureOptions.SPREAD);
        assertThat(old.measure().statistic()).as("what configs before the statistic were measured with").isEqualTo("median");
        assertThat(new NatRun.Latency("ort", 1, 1, 0).measure().statistic()).isEqualTo("min");
        assertThatThrownBy(() -> new NatRun.Latency("ort", 1, 1, 0, 0, -1.0, "min")).hasMessageStartingWith("--latency-spread");
        assertThatThrownBy(() -> new NatRun.Latency("ort", 1, 1, 0, 0, 15.0, "mean"))
                .hasMessageStartingWith("--latency-statistic");
    }
}
