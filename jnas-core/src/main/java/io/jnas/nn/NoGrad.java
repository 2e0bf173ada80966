package io.jnas.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's autograd recording off for a scope (evaluation, optimizer updates, BN
 * recalibration) and restores the previous mode on close. libtorch records by default, so
 * a plain forward pass on parameters would otherwise build a graph.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    public NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
