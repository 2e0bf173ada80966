package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Batch normalisation over channel axis 1 of (N, C, H, W) or (N, C). Running statistics use
 * PyTorch's convention: running = (1 − momentum)·running + momentum·batch, momentum 0.1.
 * With {@code affine = false} the scale and shift are fixed constants, not parameters.
 */
public final class BatchNorm extends Module {
    private static final double EPS = 1e-5;
    private final NDArray gamma;
    private final NDArray beta;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final double momentum;

    public BatchNorm(Init init, int channels, boolean affine) {
        this(init, channels, affine, 0.1);
    }

    public BatchNorm(Init init, int channels, boolean affine, double momentum) {
        Shape s = new Shape(channels);
        if (affine) {
            gamma = param("gamma", init.ones(s), Param.Kind.BN_GAMMA);
            beta = param("beta", init.zeros(s), Param.Kind.BN_BETA);
        } else {
            gamma = init.ones(s);
            beta = init.zeros(s);
        }
        runningMean = param("running_mean", init.zeros(s), Param.Kind.BN_MEAN);
        runningVar = param("running_var", init.ones(s), Param.Kind.BN_VAR);
        this.momentum = momentum;
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        // DJL's Java-side argument names for this native call are out of order: the native
        // takes (input, running_mean, running_var, weight, bias). Verified by BatchNormTest.
        return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) runningMean, (PtNDArray) runningVar,
                (PtNDArray) gamma, (PtNDArray) beta, ctx.training(), momentum, EPS);
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return io.jnas.nn.onnx.OnnxOps.batchNorm(g, x, gamma, beta, runningMean, runningVar, EPS, eval(g, x));
    }

    public NDArray runningMean() {
        return runningMean;
    }

    public NDArray runningVar() {
        return runningVar;
    }

    /** Resets running statistics (before BN recalibration of an extracted subnet). */
    public void resetRunningStats() {
        runningMean.subi(runningMean);
        runningVar.subi(runningVar).addi(1f);
    }
}
