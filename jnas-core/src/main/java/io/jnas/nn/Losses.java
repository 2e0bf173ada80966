package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Loss functions on logits (N, K) and int labels (N). */
public final class Losses {
    private Losses() {
    }

    /**
     * Mean cross-entropy with label smoothing ε, i.e. against the target (1−ε)·onehot + ε/K:
     * (1−ε)·NLL + ε·mean_k(−log p_k).
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, double smoothing) {
        long n = logits.getShape().get(0);
        NDArray logp = logits.logSoftmax(1);
        NDArray idx = labels.toType(DataType.INT64, false).reshape(n, 1);
        NDArray nll = logp.gather(idx, 1).neg().mean();
        if (smoothing <= 0) {
            return nll;
        }
        NDArray uniform = logp.mean().neg();
        return Scalar.mul(nll, 1 - smoothing).add(Scalar.mul(uniform, smoothing));
    }

    /** Mean soft cross-entropy −Σ_k q_k·log p_k against target probabilities q (N, K) (distillation). */
    public static NDArray softCrossEntropy(NDArray logits, NDArray target) {
        return logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
    }
}
