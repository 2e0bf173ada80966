package io.jnas.estimate;

import ai.djl.ndarray.NDManager;
import io.jnas.nn.Cost;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import java.util.function.BiFunction;

/**
 * The {@code params} and {@code flops} baselines: the size of the built network as a score
 * (bigger networks tend to be more accurate in cell spaces).
 *
 * @param <A> architecture type
 */
public final class CostEstimator<A> implements Estimator<A> {
    private final boolean macs;
    private final BiFunction<Init, A, Network> builder;
    private final int channels;
    private final int size;

    /**
     * @param macs score by MACs ({@code flops}) instead of parameters ({@code params})
     * @param builder builds the full-size network of an architecture
     */
    public CostEstimator(boolean macs, BiFunction<Init, A, Network> builder, int channels, int size) {
        this.macs = macs;
        this.builder = builder;
        this.channels = channels;
        this.size = size;
    }

    @Override
    public String name() {
        return macs ? "flops" : "params";
    }

    @Override
    public Score estimate(A arch) {
        long t0 = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            Cost c = Cost.of(builder.apply(new Init(m, 0), arch), m, channels, size, size);
            return Score.of(macs ? c.macs() : c.params(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
