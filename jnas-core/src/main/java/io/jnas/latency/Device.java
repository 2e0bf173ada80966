package io.jnas.latency;

import io.jnas.kernel.Kernels;
import io.jnas.kernel.Machine;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a latency was measured on: the CPU (model, family, vector ISA, cores), the runtime and its version, the
 * kernel setting jnas runs libtorch with (jnas runtime only), the batch and the threads. Two measurements compare only
 * under the same fingerprint; a latency model stored under another fingerprint is not used.
 *
 * @param cpu CPU model name
 * @param family CPU family/model
 * @param isa vector ISA flags
 * @param cores processors available
 * @param runtime ort or jnas
 * @param version the runtime's version (ONNX Runtime's, or libtorch's)
 * @param kernels jnas's kernel setting for libtorch ({@code -} for ONNX Runtime)
 * @param batch images per call
 * @param threads intra-op threads
 * @param statistic what a session's calls are summed up as (min or median)
 */
public record Device(String cpu, String family, String isa, int cores, String runtime, String version, String kernels,
        int batch, int threads, String statistic) {
    /**
     * Bumped when the measuring protocol changes, so that stored models are rebuilt (2: an OFA table's pieces measured in
     * passes over chunks of 200, and every spread measurement spanning 15 s at least).
     */
    static final int PROTOCOL = 2;

    /** This machine with the given measurement options. */
    public static Device here(MeasureOptions o) {
        Machine m = Machine.current();
        boolean ort = o.runtime().equals("ort");
        String version = ort ? ortVersion() : m.libtorch();
        String kernels = ort ? "-" : Kernels.state().setting().text();
        return new Device(m.cpu(), m.family(), String.join(" ", m.isa()), m.cores(), o.runtime(), version, kernels, o.batch(),
                o.threads(), o.statistic());
    }

    static String ortVersion() {
        String v = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** A short stable name of this device: 16 hex digits of a hash over every field and the protocol version. */
    public String fingerprint() {
        return Machine.shortHash(String.join("|", cpu, family, isa, Integer.toString(cores), runtime, version, kernels,
                Integer.toString(batch), Integer.toString(threads), statistic, Integer.toString(PROTOCOL)));
    }

    /** The fields and the fingerprint, in order (results, stored models). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("family", family);
        m.put("isa", isa);
        m.put("cores", cores);
        m.put("runtime", runtime);
        m.put("version", version);
        m.put("kernels", kernels);
        m.put("batch", batch);
        m.put("threads", threads);
        m.put("statistic", statistic);
        m.put("fingerprint", fingerprint());
        return m;
    }
}
