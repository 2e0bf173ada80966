package io.jnas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SGD (momentum, Nesterov), Adam and AdamW over a fixed list of parameters. State tensors live
 * on the optimizer's own manager; every temporary of a step lives in the step's manager.
 * Gradients are zeroed after each update (libtorch accumulates them, and DJL's collector does
 * not zero them).
 */
public final class Optimizer implements AutoCloseable {
    private final String kind;
    private final List<Param> params;
    private final double momentum;
    private final boolean nesterov;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final NDManager state;
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final FlatUpdate flat;
    private final List<Param> loose;
    private long steps;

    /**
     * @param kind sgd, adam or adamw
     * @param params the trainable parameters it updates
     * @param momentum SGD momentum, or Adam β1
     * @param beta2 Adam β2
     * @param weightDecay L2 for sgd/adam, decoupled for adamw
     */
    public Optimizer(String kind, List<Param> params, double momentum, boolean nesterov, double beta2, double eps,
            double weightDecay, NDManager parent) {
        this(kind, params, momentum, nesterov, beta2, eps, weightDecay, parent, true);
    }

    /** As above; {@code flat} false keeps the per-tensor update (the reference that {@link FlatUpdate} is tested against). */
    Optimizer(String kind, List<Param> params, double momentum, boolean nesterov, double beta2, double eps,
            double weightDecay, NDManager parent, boolean flat) {
        this.kind = kind;
        this.params = List.copyOf(params);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.state = parent.newSubManager();
        for (Param p : params) {
            if (!p.kind().trainable()) {
                throw new IllegalArgumentException("parameter " + p.name() + " is a buffer and cannot be optimised");
            }
        }
        // small tensors (batch-norm affines, biases) are updated together: for them a native call costs more than the
        // arithmetic; large ones one by one, where gathering them into a flat copy would cost more memory traffic
        List<Param> small = flat ? this.params.stream().filter(p -> p.size() <= FlatUpdate.SMALL).toList() : List.of();
        this.flat = FlatUpdate.of(kind, small, momentum, state, buffers);
        this.loose = this.flat == null ? this.params : this.params.stream().filter(p -> !small.contains(p)).toList();
        for (Param p : loose) {
            if (kind.equals("sgd")) {
                if (momentum > 0) {
                    buffers.put(p.name() + ".momentum", state.zeros(p.array().getShape()));
                }
            } else {
                buffers.put(p.name() + ".m", state.zeros(p.array().getShape()));
                buffers.put(p.name() + ".v", state.zeros(p.array().getShape()));
            }
        }
    }

    /** SGD as configured in {@code c}, or Adam/AdamW with β = (momentum, 0.999). */
    public static Optimizer of(TrainConfig c, List<Param> params, NDManager parent) {
        return new Optimizer(c.optimizer(), params, c.momentum(), c.nesterov(), 0.999, 1e-8, c.weightDecay(), parent);
    }

    /**
     * Global L2 norm of all gradients, scaled down in place to {@code maxNorm} when larger.
     * Returns the norm before clipping. A non-finite norm leaves the gradients untouched, for the
     * caller to skip the step and report them: scaling by maxNorm / ∞ would zero finite gradients
     * (their squares overflow float32 from about 1.8e19) and write NaN into infinite ones.
     */
    public double clipGradients(NDManager step, double maxNorm) {
        NDList norms = new NDList();
        for (Param p : loose) {
            NDArray g = p.array().getGradient();
            g.attach(step);
            norms.add(g.square().sum());
        }
        if (flat != null) {
            norms.add(flat.squaredNorm(step));
        }
        double norm = Math.sqrt(NDArrays.stack(norms).sum().getFloat());
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            if (flat != null) {
                flat.scale(step, scale);
            }
            for (Param p : loose) {
                NDArray g = p.array().getGradient();
                g.attach(step);
                g.muli(scale);
            }
        }
        return norm;
    }

    /**
     * Where a step's gradient blew up, for the log: how many gradient tensors are non-finite and
     * the first {@code k} of them (in parameter order, so the stem comes first) and the last one
     * (the deepest, where an overflow in the backward pass began), then the
     * {@code k} largest finite ones by max |g|. Whether the damage is confined to a few layers
     * or spread over the network tells a local singularity from an overflow that grew layer by
     * layer through the backward pass.
     */
    public String gradientReport(NDManager step, int k) {
        List<String> bad = new java.util.ArrayList<>();
        List<Map.Entry<String, Double>> finite = new java.util.ArrayList<>();
        for (Param p : params) {
            NDArray g = p.array().getGradient();
            g.attach(step);
            if (g.isNaN().logicalOr(g.isInfinite()).any().getBoolean()) {
                bad.add(p.name());
            } else {
                finite.add(Map.entry(p.name(), (double) g.abs().max().getFloat()));
            }
        }
        finite.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        StringBuilder b = new StringBuilder();
        b.append(bad.size()).append(" of ").append(params.size()).append(" gradient tensors non-finite");
        if (!bad.isEmpty()) {
            b.append(" (").append(String.join(", ", bad.subList(0, Math.min(k, bad.size()))))
                    .append(bad.size() > k ? ", ..., " + bad.get(bad.size() - 1) : "").append(')');
        }
        if (!finite.isEmpty()) {
            b.append("; largest finite max|g|: ");
            List<String> top = new java.util.ArrayList<>();
            for (Map.Entry<String, Double> e : finite.subList(0, Math.min(k, finite.size()))) {
                top.add(e.getKey() + " " + String.format("%.3g", e.getValue()));
            }
            b.append(String.join(", ", top));
        }
        return b.toString();
    }

    /** Steps with a non-finite loss or gradient a loop may skip before its run counts as diverged. */
    public static final int MAX_SKIPPED_STEPS = 10;

    /**
     * One guarded update, the policy of every training loop: when the loss and the gradient norm
     * are finite, clips to {@code maxNorm} (0: no clipping) and applies the update; otherwise
     * zeroes the gradients and leaves the weights alone (a clipped infinite gradient would write
     * NaN into them). Returns null when it stepped, else why not, for the log.
     */
    public String stepIfFinite(NDManager step, float loss, double maxNorm, double lr) {
        try (NoGrad ng = new NoGrad()) {
            if (Float.isFinite(loss) && Double.isFinite(clipGradients(step, maxNorm))) {
                step(step, lr);
                return null;
            }
            String why = "loss " + loss + "; " + gradientReport(step, 3);
            zeroGradients();
            return why;
        }
    }

    /** Applies one update with learning rate {@code lr}, then zeroes the gradients. */
    public void step(NDManager step, double lr) {
        steps++;
        if (flat != null) {
            flat.step(step, lr, steps, momentum, nesterov, beta2, eps, weightDecay, kind.equals("adamw"));
        }
        float lrf = (float) lr;
        for (Param p : loose) {
            NDArray w = p.array();
            NDArray g = w.getGradient();
            g.attach(step);
            if (kind.equals("sgd")) {
                if (weightDecay > 0) {
                    g.addi(scoped(step, w.mul((float) weightDecay)));
                }
                NDArray d = g;
                if (momentum > 0) {
                    NDArray buf = buffers.get(p.name() + ".momentum");
                    buf.muli((float) momentum).addi(g);
                    d = nesterov ? g.add(scoped(step, buf.mul((float) momentum))) : scoped(step, buf.mul(1f));
                }
                w.subi(d.muli(lrf));
            } else {
                boolean decoupled = kind.equals("adamw");
                if (weightDecay > 0 && !decoupled) {
                    g.addi(scoped(step, w.mul((float) weightDecay)));
                }
                NDArray m = buffers.get(p.name() + ".m");
                NDArray v = buffers.get(p.name() + ".v");
                m.muli((float) momentum).addi(g.mul((float) (1 - momentum)));
                v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
                double bc1 = 1 - Math.pow(momentum, steps);
                double bc2 = 1 - Math.pow(beta2, steps);
                NDArray denom = scoped(step, v.div((float) bc2)).sqrt().addi((float) eps);
                NDArray update = scoped(step, m.div((float) bc1)).divi(denom).muli(lrf);
                if (weightDecay > 0 && decoupled) {
                    update.addi(scoped(step, w.mul((float) (lr * weightDecay))));
                }
                w.subi(update);
            }
            JniUtils.zeroGrad((PtNDArray) w);
        }
    }

    /** Zeroes all gradients without updating (e.g. between the two steps of bilevel search). */
    public void zeroGradients() {
        if (flat != null) {
            flat.zero();
        }
        for (Param p : loose) {
            JniUtils.zeroGrad((PtNDArray) p.array());
        }
    }

    private static NDArray scoped(NDManager step, NDArray a) {
        a.attach(step);
        return a;
    }

    /** Optimizer state tensors by name (for checkpoints). */
    public Map<String, NDArray> stateTensors() {
        return buffers;
    }

    public long steps() {
        return steps;
    }

    /** Restores the step counter after loading state tensors. */
    public void setSteps(long s) {
        this.steps = s;
    }

    @Override
    public void close() {
        state.close();
    }
}
