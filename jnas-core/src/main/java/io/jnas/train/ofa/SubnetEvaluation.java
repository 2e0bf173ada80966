package io.jnas.train.ofa;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Augment;
import io.jnas.data.Batcher;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.data.Splits;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.run.Seeds;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Evaluation;

/**
 * Accuracy of a subnet with inherited weights (OFA, arXiv:1908.09791): extract it from the
 * super-network, recalibrate its BN statistics on a fixed seeded subset of the training images,
 * and evaluate it. The extracted network lives in {@code parent}'s sub-manager only for the call
 * unless {@link #extract} is used.
 */
public final class SubnetEvaluation {
    /**
     * Validation sets from this size on run in ONNX Runtime; on smaller ones its session's fixed cost (export and graph
     * optimisation, 0.1-0.2 s) outweighs what it saves. Measured on the Zen 3 VM with jnas bench supernet --mode
     * evaluate: libtorch against ONNX Runtime, OFA subnets 175/196 ms for 64 images, 417/254 for 256, 1,807/545 for
     * 1,024; OFAv2's smaller subnets 116/128 for 256, 255/165 for 512.
     */
    public static final int ORT_FROM = 512;

    private SubnetEvaluation() {
    }

    /** Extracts {@code s} into {@code m} and recalibrates its BN on {@code images} training images. */
    public static OfaNetwork extract(OfaNetwork supernet, OfaSubnet s, NDManager m, ImageData train, Normalization norm,
            int images, int batch, long seed) {
        OfaNetwork net = supernet.extract(new Init(m, 0), s);
        recalibrate(net, m, train, norm, images, batch, seed);
        return net;
    }

    /** Recalibrates every BN of {@code net} (cumulative average over the subset's batches). */
    public static void recalibrate(OfaNetwork net, NDManager m, ImageData train, Normalization norm, int images, int batch,
            long seed) {
        int[] order = Splits.permutation(train.size(), Seeds.stream(seed, 77));
        int n = Math.min(images, order.length);
        Batcher b = new Batcher(train, norm, Augment.NONE);
        net.recalibrating(true);
        try (NoGrad ng = new NoGrad()) {
            for (int from = 0; from < n; from += batch) {
                try (NDManager step = m.newSubManager()) {
                    Batcher.Batch bt = b.batch(step, order, from, Math.min(n, from + batch), null);
                    net.forward(new Ctx(step, true, Seeds.stream(seed, from), null), bt.x());
                }
            }
        } finally {
            net.recalibrating(false);
        }
    }

    /**
     * Top-1 accuracy (and loss) of {@code s} on {@code data} with inherited, recalibrated weights; from {@link #ORT_FROM}
     * images on, the recalibrated subnet's inference runs in ONNX Runtime ({@link io.jnas.train.OrtEvaluation}: the same
     * logits to float rounding, several times faster on a validation split).
     */
    public static Evaluation of(OfaNetwork supernet, OfaSubnet s, NDManager parent, ImageData train, ImageData data,
            Normalization norm, int images, int batch, long seed) {
        try (NDManager m = parent.newSubManager()) {
            OfaNetwork net = extract(supernet, s, m, train, norm, images, batch, seed);
            return data.size() >= ORT_FROM ? io.jnas.train.OrtEvaluation.of(net, m, data, norm, batch)
                    : Evaluation.of(net, m, data, norm, batch);
        }
    }
}
