package io.jnas.nn;

import ai.djl.ndarray.NDArray;

/**
 * A classifier: input (N, C_in, H, W), logits (N, classes). A network may also produce
 * auxiliary logits during training (DARTS's auxiliary head); those parts are excluded from
 * cost counting through {@link #costExcluded()}.
 */
public abstract class Network extends Module {

    /** Logits and, in training, optional auxiliary logits (null when none). */
    public record Output(NDArray logits, NDArray aux) {
    }

    /** Runs the network; the default has no auxiliary output. */
    public Output run(Ctx ctx, NDArray x) {
        return new Output(forward(ctx, x), null);
    }

    /** Name prefixes of parameters that are not part of the deployed network (e.g. "aux"). */
    public java.util.Set<String> costExcluded() {
        return java.util.Set.of();
    }

    /**
     * The network up to its head as a chain of blocks (stem first) whose outputs are the features per-block proxies
     * read (AZ-NAS); running them in order gives the head's input. Empty when the network is not such a chain.
     */
    public java.util.List<Module> chain() {
        return java.util.List.of();
    }

    /** Number of input channels expected. */
    public abstract int inputChannels();
}
