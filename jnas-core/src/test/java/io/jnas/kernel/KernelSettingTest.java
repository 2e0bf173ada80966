package io.jnas.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelSettingTest {
    private static Machine machine(String... isa) {
        return new Machine("test cpu", "1/1", List.of(isa), 2, "none reported", "2.7.1");
    }

    @Test
    void textFormsRoundTrip() {
        for (String t : List.of("native", "onednn:off", "isa:SSE41", "isa:AVX2", "isa:AVX512_CORE")) {
            assertThat(KernelSetting.parse(t).text()).isEqualTo(t);
        }
        assertThat(KernelSetting.parse("isa:avx2")).isEqualTo(new KernelSetting("AVX2", true));
    }

    @Test
    void badTextNamesTheValueAndTheForms() {
        assertThatThrownBy(() -> KernelSetting.parse("fast")).hasMessageContaining("'fast'").hasMessageContaining("isa:LEVEL");
        assertThatThrownBy(() -> KernelSetting.parse("isa:AVX3")).hasMessageContaining("'AVX3'").hasMessageContaining("SSE41");
        assertThatThrownBy(() -> new KernelSetting("AVX2", false)).hasMessageContaining("oneDNN off");
    }

    @Test
    void theLadderGoesFromTheCpusOwnKernelsDownToNoOnednn() {
        assertThat(KernelSetting.ladder(machine("sse4_1", "avx", "avx2", "avx512f")).stream().map(KernelSetting::text))
                .containsExactly("native", "isa:AVX2", "isa:AVX", "isa:SSE41", "onednn:off");
        assertThat(KernelSetting.ladder(machine("sse4_1", "avx", "avx2")).stream().map(KernelSetting::text))
                .containsExactly("native", "isa:AVX", "isa:SSE41", "onednn:off");
        assertThat(KernelSetting.ladder(machine()).stream().map(KernelSetting::text)).containsExactly("native", "onednn:off");
    }

    @Test
    void theFingerprintChangesWithWhatDecidesTheKernels() {
        Machine a = machine("avx2");
        assertThat(a.fingerprint()).isEqualTo(machine("avx2").fingerprint()).hasSize(16);
        assertThat(a.fingerprint()).isNotEqualTo(machine("avx2", "avx512f").fingerprint());
        assertThat(a.fingerprint()).isNotEqualTo(new Machine("test cpu", "1/1", List.of("avx2"), 2, "none reported", "2.8.0")
                .fingerprint());
    }
}
