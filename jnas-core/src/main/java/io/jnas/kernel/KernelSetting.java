package io.jnas.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How libtorch's kernels are set up in a process: the widest vector ISA oneDNN may use for its convolutions
 * ({@code ONEDNN_MAX_CPU_ISA}; null: whatever the CPU offers) and whether libtorch uses oneDNN at all (off: ATen's own
 * im2col-and-GEMM convolutions). Text forms: {@code native}, {@code isa:AVX2}, {@code onednn:off}.
 *
 * @param isa oneDNN's ISA cap, one of oneDNN's level names, or null for none
 * @param onednn whether libtorch calls oneDNN for convolutions
 */
public record KernelSetting(String isa, boolean onednn) {

    /** The kernels as libtorch picks them on this CPU. */
    public static final KernelSetting NATIVE = new KernelSetting(null, true);
    /** libtorch's convolutions without oneDNN. */
    public static final KernelSetting ONEDNN_OFF = new KernelSetting(null, false);

    /** oneDNN's names of its CPU ISA levels (ONEDNN_MAX_CPU_ISA). */
    static final Set<String> ISA_LEVELS = Set.of("SSE41", "AVX", "AVX2", "AVX2_VNNI", "AVX2_VNNI_2", "AVX512_CORE",
            "AVX512_CORE_VNNI", "AVX512_CORE_BF16", "AVX512_CORE_FP16", "AVX10_1_512", "AVX512_CORE_AMX",
            "AVX10_1_512_AMX", "AVX512_CORE_AMX_FP16", "AVX10_1_512_AMX_FP16", "DEFAULT", "ALL");

    public KernelSetting {
        if (isa != null && !ISA_LEVELS.contains(isa)) {
            throw new IllegalArgumentException("unknown oneDNN ISA '" + isa + "'; use one of " + new java.util.TreeSet<>(ISA_LEVELS));
        }
        if (isa != null && !onednn) {
            throw new IllegalArgumentException("an ISA cap for oneDNN means nothing with oneDNN off");
        }
    }

    /** Parses {@code native}, {@code isa:LEVEL} or {@code onednn:off}. */
    public static KernelSetting parse(String text) {
        String t = text.strip();
        if (t.equals("native")) {
            return NATIVE;
        }
        if (t.equals("onednn:off")) {
            return ONEDNN_OFF;
        }
        if (t.startsWith("isa:")) {
            return new KernelSetting(t.substring(4).toUpperCase(java.util.Locale.ROOT), true);
        }
        throw new IllegalArgumentException("kernel setting '" + text + "' is not native, isa:LEVEL (e.g. isa:SSE41) or onednn:off");
    }

    /** The text form. */
    public String text() {
        return !onednn ? "onednn:off" : isa == null ? "native" : "isa:" + isa;
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * The settings jnas tries on {@code m}, fastest first: the CPU's own kernels, then oneDNN capped at each narrower
     * vector ISA the CPU has (AVX2, AVX, SSE4.1: the f32 convolution kernels differ between these levels only), then
     * libtorch without oneDNN. The first under which every check passes is kept.
     */
    public static List<KernelSetting> ladder(Machine m) {
        List<KernelSetting> out = new ArrayList<>();
        out.add(NATIVE);
        if (m.has("avx512f") && m.has("avx2")) {
            out.add(new KernelSetting("AVX2", true));
        }
        if (m.has("avx2") || m.has("avx512f")) {
            out.add(new KernelSetting("AVX", true));
        }
        if (m.has("sse4_1") && (m.has("avx") || m.has("avx2"))) {
            out.add(new KernelSetting("SSE41", true));
        }
        out.add(ONEDNN_OFF);
        return out;
    }
}
