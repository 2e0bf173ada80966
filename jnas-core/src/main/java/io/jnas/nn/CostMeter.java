package io.jnas.nn;

/**
 * Accumulates operations during one metered forward pass. Leaf layers add their own count: multiply-accumulates of
 * convolutions (out_elements·(in/groups)·k·k) and linear layers (in·out per sample), pooling (out_elements·k·k,
 * global pooling C·H·W) and bias adds (one per output element). jnas's MACs are convolutions, linear layers and
 * pooling; NAS-Bench-201's FLOPs (xautodl's counter) are convolutions and linear layers with their bias adds.
 * Batch norm and activations count in neither.
 */
public final class CostMeter {
    private long macs;
    private long pooling;
    private long bias;

    /** Multiply-accumulates of a convolution or a linear layer. */
    public void add(long n) {
        macs += n;
    }

    /** Multiply-accumulates of pooling. */
    public void addPooling(long n) {
        pooling += n;
    }

    /** Bias additions. */
    public void addBias(long n) {
        bias += n;
    }

    /** jnas's convention: convolutions, linear layers and pooling. */
    public long macs() {
        return macs + pooling;
    }

    /** NAS-Bench-201's convention: convolutions and linear layers with their bias adds, no pooling. */
    public long flops() {
        return macs + bias;
    }
}
