package io.jnas.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LayoutTest {

    @Test
    void theVariableNamesOneOfTwoLayoutsAndAnythingElseIsRefusedWithTheFix() {
        assertThat(Layout.parse(null)).isTrue();
        assertThat(Layout.parse(" ")).isTrue();
        assertThat(Layout.parse("NHWC")).isTrue();
        assertThat(Layout.parse("channels-last")).isTrue();
        assertThat(Layout.parse("nchw")).isFalse();
        assertThatThrownBy(() -> Layout.parse("hwcn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JNAS_LAYOUT=hwcn is not a layout; use JNAS_LAYOUT=nhwc (channels-last, the default) or "
                        + "JNAS_LAYOUT=nchw");
    }

    @Test
    void theChecksCoverTheChannelsLastKernels() {
        assertThat(PrimitiveChecks.all()).filteredOn(c -> c.name().endsWith(" nhwc")).extracting(Check::name)
                .contains("conv2d 8→8 k3 s1 d1 g8 16px nhwc", "conv2d 24→24 k3 s1 d2 g1 16px nhwc", "max pool 3x3 s1 nhwc",
                        "batch norm, training, 24 channels nhwc");
    }
}
