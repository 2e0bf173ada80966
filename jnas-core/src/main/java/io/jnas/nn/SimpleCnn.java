package io.jnas.nn;

import ai.djl.ndarray.NDArray;

/**
 * A small fixed CNN for quick training runs and the foundation demo: {@code stages} stages of
 * two conv-BN-ReLU layers, channels doubling and resolution halving (max pool) between stages,
 * then global average pooling and a linear classifier. Input (N, in, H, W) → (N, classes).
 */
public final class SimpleCnn extends Network {
    private final int inChannels;
    private final Sequential body = child("body", new Sequential());
    private final GlobalAvgPool pool = child("pool", new GlobalAvgPool());
    private final Linear head;

    public SimpleCnn(Init init, int inChannels, int classes, int width, int stages) {
        if (width < 1 || stages < 1) {
            throw new IllegalArgumentException("SimpleCnn needs width >= 1 and stages >= 1, got " + width + ", " + stages);
        }
        this.inChannels = inChannels;
        int c = inChannels;
        for (int s = 0; s < stages; s++) {
            int out = width << s;
            if (s > 0) {
                body.add(Pool.max(2, 2, 0));
            }
            body.add(Ops.convBnAct(init, c, out, 3, 1, Act.Kind.RELU));
            body.add(Ops.convBnAct(init, out, out, 3, 1, Act.Kind.RELU));
            c = out;
        }
        head = child("head", new Linear(init, c, classes));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return head.forward(ctx, pool.forward(ctx, body.forward(ctx, x)));
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        return head.onnx(g, pool.onnx(g, body.onnx(g, x)));
    }

    @Override
    public int inputChannels() {
        return inChannels;
    }
}
