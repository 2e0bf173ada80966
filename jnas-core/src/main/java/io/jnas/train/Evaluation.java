package io.jnas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Ctx;
import io.jnas.nn.Losses;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;

/**
 * Loss, top-1 and top-5 accuracy of a network on an image set (inference mode, no autograd).
 *
 * @param loss mean cross-entropy
 * @param top1 top-1 accuracy in %
 * @param top5 top-5 accuracy in % (equals 100 when there are at most 5 classes)
 * @param images number of images evaluated
 */
public record Evaluation(double loss, double top1, double top5, int images) {

    public static Evaluation of(Network net, NDManager parent, ImageData data, Normalization norm, int batch) {
        Batcher batcher = new Batcher(data, norm, Augment.NONE);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double lossSum = 0;
        long c1 = 0;
        long c5 = 0;
        try (NoGrad ng = new NoGrad()) {
            for (int from = 0; from < order.length; from += batch) {
                int to = Math.min(order.length, from + batch);
                try (NDManager m = parent.newSubManager()) {
                    Batcher.Batch b = batcher.batch(m, order, from, to, null);
                    NDArray logits = net.forward(Ctx.eval(m), b.x());
                    lossSum += Losses.crossEntropy(logits, b.y(), 0).getFloat() * b.size();
                    long[] hits = topk(logits, b.y().toIntArray());
                    c1 += hits[0];
                    c5 += hits[1];
                }
            }
        }
        int n = order.length;
        return new Evaluation(lossSum / n, 100.0 * c1 / n, 100.0 * c5 / n, n);
    }

    /** Counts of top-1 and top-5 hits in a batch of logits (B, K). */
    public static long[] topk(NDArray logits, int[] labels) {
        return topk(logits.toFloatArray(), labels);
    }

    /** As {@link #topk(NDArray, int[])} for row-major logits of {@code labels.length} rows. */
    public static long[] topk(float[] v, int[] labels) {
        int k = v.length / labels.length;
        long h1 = 0;
        long h5 = 0;
        for (int i = 0; i < labels.length; i++) {
            float target = v[i * k + labels[i]];
            if (Float.isNaN(target)) {
                continue; // a non-finite output is never a hit (NaN compares false with everything)
            }
            int greater = 0;
            for (int j = 0; j < k; j++) {
                float x = v[i * k + j];
                if (x > target || (x == target && j < labels[i]) || Float.isNaN(x)) {
                    greater++;
                }
            }
            if (greater == 0) {
                h1++;
            }
            if (greater < 5) {
                h5++;
            }
        }
        return new long[] {h1, h5};
    }
}
