package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;

/**
 * Everything one forward pass needs besides its input: the step's native-memory scope, the
 * training flag, the step's random stream (drop-path, dropout) and an optional cost meter.
 *
 * <p>Results of operations whose first operand is a parameter land on the parameter's
 * long-lived manager; {@link #scoped(NDArray)} moves them into the step's scope.
 */
public final class Ctx {
    private final NDManager manager;
    private final boolean training;
    private final SplittableRandom random;
    private final CostMeter meter;
    private double dropPath;
    private java.util.function.Consumer<NDArray> reluObserver;
    private Reuse reuse;

    /**
     * @param manager the step's sub-manager; every intermediate array is freed with it
     * @param training training mode (batch statistics, drop-path, dropout)
     * @param random the step's random stream, derived from the run seed
     * @param meter records MACs when not null (cost counting)
     */
    public Ctx(NDManager manager, boolean training, SplittableRandom random, CostMeter meter) {
        this.manager = manager;
        this.training = training;
        this.random = random;
        this.meter = meter;
    }

    /** An inference context without randomness or metering. */
    public static Ctx eval(NDManager manager) {
        return new Ctx(manager, false, new SplittableRandom(0), null);
    }

    public NDManager manager() {
        return manager;
    }

    public boolean training() {
        return training;
    }

    public SplittableRandom random() {
        return random;
    }

    /** The cost meter, or null when costs are not being counted. */
    public CostMeter meter() {
        return meter;
    }

    /** Drop-path probability for this step (0 disables it). */
    public double dropPath() {
        return dropPath;
    }

    public Ctx withDropPath(double p) {
        this.dropPath = p;
        return this;
    }

    /** Sees every ReLU and h-swish output of the forward pass (NASWOT activation codes); null when unused. */
    public Ctx withReluObserver(java.util.function.Consumer<NDArray> observer) {
        this.reluObserver = observer;
        return this;
    }

    /**
     * Shares what this pass computes alike from one array among the modules that ask for it through
     * {@link #reused} ({@code r} null: each computes its own). Returns the one set before, to be put back.
     */
    public Reuse withReuse(Reuse r) {
        Reuse before = reuse;
        reuse = r;
        return before;
    }

    /** {@code what} of {@code from}: computed once per array while a {@link Reuse} is set, else computed here. */
    public NDArray reused(Object what, NDArray from, java.util.function.Supplier<NDArray> compute) {
        return reuse == null ? compute.get() : reuse.of(what, from, compute);
    }

    /** ReLU that reports its output to the observer when one is set. */
    public NDArray relu(NDArray x) {
        NDArray y = ai.djl.nn.Activation.relu(x);
        observe(y);
        return y;
    }

    /** Shows a rectifier's output (ReLU, h-swish) to the observer when one is set. */
    public void observe(NDArray y) {
        if (reluObserver != null) {
            reluObserver.accept(y);
        }
    }

    /** Attaches {@code a} to this step's manager and returns it. */
    public NDArray scoped(NDArray a) {
        a.attach(manager);
        return a;
    }

    /** Adds {@code macs} multiply-accumulates of a convolution or linear layer to the meter when one is active. */
    public void count(long macs) {
        if (meter != null) {
            meter.add(macs);
        }
    }

    /** Adds {@code macs} multiply-accumulates of pooling to the meter when one is active. */
    public void countPooling(long macs) {
        if (meter != null) {
            meter.addPooling(macs);
        }
    }

    /** Adds {@code n} bias additions to the meter when one is active. */
    public void countBias(long n) {
        if (meter != null) {
            meter.addBias(n);
        }
    }
}
