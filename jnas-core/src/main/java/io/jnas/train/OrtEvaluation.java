package io.jnas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.onnx.OnnxGraph;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * {@link Evaluation} of a network that nothing trains any more, computed in ONNX Runtime: the network is exported as
 * {@code jnas export} writes it (opset 17, inference form: batch norm with its running statistics, which ONNX Runtime
 * folds into the convolutions) and its session runs the batches. The logits agree with libtorch's to float rounding
 * ({@code OrtEvaluationTest}); what it saves is time: ONNX Runtime's CPU kernels run a small network's inference
 * several times faster than libtorch's (NAT's validation of an OFA subnet: see docs/results.md). Loss and top-k are
 * computed from the logits as {@link Evaluation#of} does; the session runs at libtorch's thread count.
 */
public final class OrtEvaluation {
    private static final String INPUT = "image";

    private OrtEvaluation() {
    }

    /** Loss, top-1 and top-5 of {@code net} on {@code data}, batches of {@code batch} images. */
    public static Evaluation of(Network net, NDManager parent, ImageData data, Normalization norm, int batch) {
        Batcher batcher = new Batcher(data, norm, Augment.NONE);
        int[] order = new int[data.size()];
        java.util.Arrays.setAll(order, i -> i);
        byte[] model;
        try (NoGrad ng = new NoGrad(); NDManager m = parent.newSubManager()) {
            NDArray example = batcher.batch(m, order, 0, Math.min(2, order.length), null).x();
            OnnxGraph g = new OnnxGraph(INPUT, example);
            model = g.model(net.onnx(g, INPUT), 17, Map.of(), "jnas").toByteArray();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double lossSum = 0;
        long c1 = 0;
        long c5 = 0;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(Math.max(1, JniUtils.getNumThreads()));
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession s = env.createSession(model, o)) {
                for (int from = 0; from < order.length; from += batch) {
                    int to = Math.min(order.length, from + batch);
                    float[] x;
                    int[] y;
                    long[] shape;
                    try (NDManager m = parent.newSubManager()) {
                        Batcher.Batch b = batcher.batch(m, order, from, to, null);
                        x = b.x().toFloatArray();
                        y = b.y().toIntArray();
                        shape = b.x().getShape().getShape();
                    }
                    float[] logits;
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                            OrtSession.Result r = s.run(Map.of(INPUT, t))) {
                        logits = ((OnnxTensor) r.get(0)).getFloatBuffer().array();
                    }
                    lossSum += crossEntropySum(logits, y);
                    long[] hits = Evaluation.topk(logits, y);
                    c1 += hits[0];
                    c5 += hits[1];
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the exported network: " + e.getMessage().split("\n")[0], e);
        }
        int n = order.length;
        return new Evaluation(lossSum / n, 100.0 * c1 / n, 100.0 * c5 / n, n);
    }

    /** Σ over the batch of −log softmax(logits)[label], computed in double (log-sum-exp from the row's maximum). */
    static double crossEntropySum(float[] logits, int[] labels) {
        int k = logits.length / labels.length;
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, logits[i * k + j]);
            }
            double z = 0;
            for (int j = 0; j < k; j++) {
                z += Math.exp(logits[i * k + j] - max);
            }
            sum += max + Math.log(z) - logits[i * k + labels[i]];
        }
        return sum;
    }
}
