package io.jnas.train;

/**
 * Training produced non-finite losses, gradients or tensors and cannot usefully go on. Not a
 * bug of jnas and not bad input as such: the message says what broke and what to change
 * (usually the learning rate). The run directory keeps its last good checkpoint.
 */
public final class Diverged extends RuntimeException {
    public Diverged(String message) {
        super(message);
    }
}
