package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network part: named parameters, named child modules and a forward function on DJL arrays.
 *
 * <p>jnas keeps its own thin module tree over DJL's NDArray operations instead of DJL's
 * {@code Block}: shapes are known when an architecture is built (no deferred shape inference),
 * every forward pass runs in an explicit per-step native-memory scope ({@link Ctx}), and the
 * same forward pass can meter its MACs. All kernels are DJL's libtorch operators, set up for this machine by
 * {@link io.jnas.kernel.Kernels} before the first module exists.
 */
public abstract class Module {
    static {
        // before the first network computes anything: the kernel setting checked right for this machine
        io.jnas.kernel.Kernels.configure();
    }

    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, Param> params = new LinkedHashMap<>();

    /** Computes the output for input {@code x}; shapes are documented by each subclass. */
    public abstract NDArray forward(Ctx ctx, NDArray x);

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M child(String name, M module) {
        if (children.putIfAbsent(name, module) != null) {
            throw new IllegalStateException("duplicate child module name: " + name);
        }
        return module;
    }

    /** Registers a parameter under {@code name} and returns its array. */
    protected final NDArray param(String name, NDArray array, Param.Kind kind) {
        if (kind.trainable()) {
            array.setRequiresGradient(true);
        }
        if (params.putIfAbsent(name, new Param(name, array, kind)) != null) {
            throw new IllegalStateException("duplicate parameter name: " + name);
        }
        return array;
    }

    /**
     * Adds this module's inference form to {@code g} for the value named {@code x} and returns its output's name, or
     * null when the module's output is zero everywhere (a {@code none} operation). Training-only parts (drop-path,
     * auxiliary heads) are left out.
     */
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        throw new IllegalArgumentException("the network contains a " + getClass().getSimpleName() + ", which has no ONNX form "
                + "(training-only or search-only modules cannot be exported; export a trained network)");
    }

    /** This module's inference output for the example value of {@code x} (what its ONNX node must compute). */
    protected final NDArray eval(io.jnas.nn.onnx.OnnxGraph g, String x) {
        NDArray v = g.value(x);
        return forward(Ctx.eval(v.getManager()), v);
    }

    /** Direct children in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** All parameters and buffers of this module and its descendants, with dotted names. */
    public final List<Param> parameters() {
        List<Param> out = new ArrayList<>();
        collect("", out);
        return out;
    }

    /** Every parameter and buffer by dotted name, in registration order (checkpoints, weight copies). */
    public final Map<String, NDArray> namedArrays() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Param p : parameters()) {
            out.put(p.name(), p.array());
        }
        return out;
    }

    /** Trainable parameters (excludes batch-norm running statistics). */
    public final List<Param> trainableParameters() {
        List<Param> out = new ArrayList<>();
        for (Param p : parameters()) {
            if (p.kind().trainable()) {
                out.add(p);
            }
        }
        return out;
    }

    private void collect(String prefix, List<Param> out) {
        for (Param p : params.values()) {
            out.add(p.prefixed(prefix));
        }
        for (Map.Entry<String, Module> e : children.entrySet()) {
            e.getValue().collect(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
        }
    }
}
