package io.jnas.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The training step of every jnas loop (plain training, super-network training and adaptation, differentiable
 * search, MOTE's short training) and its skip policy. A step records the loss graph, back-propagates it and
 * updates through {@link Optimizer#stepIfFinite}: a step whose loss or gradient is not finite is skipped (one bad
 * batch must not end a long run, and an infinite gradient must never reach the weights) and named in the log.
 * More than {@link Optimizer#MAX_SKIPPED_STEPS} skips in one epoch, or an epoch without any finite step, end
 * the run with {@link Diverged}, whose message says what to change.
 */
public final class StepGuard {
    private final String what;
    private final String fix;
    private final Consumer<String> log;
    private int skipped;
    private int finite;

    /**
     * @param what names the loop in messages, e.g. "training" or "search"
     * @param fix what the user should change when it diverges, e.g. "lower --lr"
     * @param log receives one line per skipped step
     */
    public StepGuard(String what, String fix, Consumer<String> log) {
        this.what = what;
        this.fix = fix;
        this.log = log;
    }

    /**
     * One step: records {@code loss} (a scalar built from parameters) under a gradient collector, back-propagates
     * it and applies the guarded update of {@code opt} with gradient-norm clip {@code clip} (0 = off).
     *
     * @param where position for the log, e.g. "epoch 3 step 17"
     * @return the loss value, or NaN when the step was skipped
     */
    public float step(Optimizer opt, NDManager step, double clip, double lr, String where, Supplier<NDArray> loss) {
        float value;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.get();
            gc.backward(l);
            value = l.getFloat();
        }
        return update(opt, step, value, clip, lr, where);
    }

    /** The guarded update alone, for a loop that back-propagated {@code loss} itself. */
    public float update(Optimizer opt, NDManager step, float loss, double clip, double lr, String where) {
        String why = opt.stepIfFinite(step, loss, clip, lr);
        if (why == null) {
            finite++;
            return loss;
        }
        log.accept(what + " " + where + ": skipped step (" + why + ")");
        if (++skipped > Optimizer.MAX_SKIPPED_STEPS) {
            throw new Diverged(what + ": loss or gradient not finite in more than " + Optimizer.MAX_SKIPPED_STEPS
                    + " steps of one epoch (last: " + where + ", " + why + "); the last checkpoint is kept; " + fix);
        }
        return Float.NaN;
    }

    /** Ends an epoch: fails when none of its steps was finite, then resets the counts. */
    public void endEpoch(String where) {
        boolean none = finite == 0 && skipped > 0;
        skipped = 0;
        finite = 0;
        if (none) {
            throw new Diverged(what + ": no step of " + where + " had a finite loss and gradient; the last checkpoint is "
                    + "kept; " + fix);
        }
    }
}
