package io.jnas.nn;

/**
 * Accumulates multiply-accumulate operations during one metered forward pass. Leaf layers add
 * their own count (convolutions: out_elements·(in/groups)·k·k, linear: in·out per sample,
 * pooling: out_elements·k·k); batch norm, activations and bias adds are not counted.
 */
public final class CostMeter {
    private long macs;

    public void add(long n) {
        macs += n;
    }

    public long macs() {
        return macs;
    }
}
