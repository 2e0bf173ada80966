package io.jnas.nn;

import ai.djl.ndarray.NDArray;

/**
 * One named tensor of a module: a trainable weight, or a buffer such as a batch-norm running
 * statistic that is saved with the model but never receives a gradient.
 *
 * @param name dotted path inside the model, e.g. {@code cells.3.edges.2.conv.weight}
 * @param array the value, owned by the model's long-lived manager
 * @param kind what the tensor is; decides gradients, weight decay and cost counting
 */
public record Param(String name, NDArray array, Kind kind) {

    /** What a tensor is for. */
    public enum Kind {
        /** Convolution or linear weight. */
        WEIGHT,
        /** Bias of a convolution or linear layer. */
        BIAS,
        /** Batch-norm scale (affine). */
        BN_GAMMA,
        /** Batch-norm shift (affine). */
        BN_BETA,
        /** Batch-norm running mean (buffer). */
        BN_MEAN,
        /** Batch-norm running variance (buffer). */
        BN_VAR,
        /** Architecture parameter (e.g. DARTS alpha): trained by its own optimizer. */
        ARCH;

        /** Whether tensors of this kind receive gradients. */
        public boolean trainable() {
            return this != BN_MEAN && this != BN_VAR;
        }
    }

    /**
     * The same parameter: same name and kind, and the very same array. (A record's own equality would compare the
     * arrays' contents, a native call per comparison that calls two tensors that hold the same numbers equal.)
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Param p && p.array == array && p.name.equals(name) && p.kind == kind;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + System.identityHashCode(array);
    }

    /** Number of scalar elements. */
    public long size() {
        return array.getShape().size();
    }

    /** Returns this parameter under a prefixed name. */
    public Param prefixed(String prefix) {
        return new Param(prefix.isEmpty() ? name : prefix + "." + name, array, kind);
    }
}
