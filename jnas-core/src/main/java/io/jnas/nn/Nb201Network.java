package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import io.jnas.space.nb201.Nb201Cell;
import java.util.ArrayList;
import java.util.List;

/**
 * The NAS-Bench-201 network: 3×3 conv stem (→C) + BN; N cells at C; residual reduction block;
 * N cells at 2C; reduction block; N cells at 4C; BN, ReLU, global pool, linear.
 * Input (B, in, H, W) → logits (B, classes). Benchmark setting: C = 16, N = 5.
 */
public final class Nb201Network extends Network {
    private final int inChannels;
    private final Module stem;
    private final List<Module> blocks = new ArrayList<>();
    private final BatchNorm lastBn;
    private final Linear classifier;

    public Nb201Network(Init init, Nb201Cell cell, int inChannels, int classes, int channels, int cellsPerStage) {
        this.inChannels = inChannels;
        stem = child("stem", Sequential.of(new Conv(init, inChannels, channels, 3, 1, 1, 1, 1, false),
                new BatchNorm(init, channels, true)));
        int c = channels;
        int index = 0;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                blocks.add(child("cells." + index++, new ResBlock(init, c, 2 * c)));
                c *= 2;
            }
            for (int i = 0; i < cellsPerStage; i++) {
                blocks.add(child("cells." + index++, new Cell(init, cell, c)));
            }
        }
        lastBn = child("lastact", new BatchNorm(init, c, true));
        classifier = child("classifier", new Linear(init, c, classes));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        NDArray y = stem.forward(ctx, x);
        for (Module b : blocks) {
            y = b.forward(ctx, y);
        }
        y = ctx.relu(lastBn.forward(ctx, y));
        if (ctx.meter() != null) {
            ctx.countPooling(y.getShape().size());
        }
        return classifier.forward(ctx, GlobalAvgPool.apply(y));
    }

    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        String y = stem.onnx(g, x);
        for (Module b : blocks) {
            y = b.onnx(g, y);
        }
        y = Act.onnx(g, Act.Kind.RELU, lastBn.onnx(g, y));
        return classifier.onnx(g, io.jnas.nn.onnx.OnnxOps.globalAvgPoolFlat(g, y));
    }

    /** The stem, then each cell and residual block. */
    @Override
    public List<Module> chain() {
        List<Module> c = new ArrayList<>(List.of(stem));
        c.addAll(blocks);
        return c;
    }

    @Override
    public int inputChannels() {
        return inChannels;
    }

    /** One cell: node j = Σ_{i<j} op_{i→j}(node i); output node 3; 'none' edges add nothing and are skipped. */
    static final class Cell extends Module {
        private final Module[] edges = new Module[Nb201Cell.EDGES];

        Cell(Init init, Nb201Cell cell, int c) {
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                edges[e] = child("edges." + e, CellOps.nb201(init, cell.op(e), c, true));
            }
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            NDArray[] nodes = new NDArray[4];
            nodes[0] = x;
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                int from = Nb201Cell.FROM[e];
                int to = Nb201Cell.TO[e];
                if (Zero.isZero(edges[e])) {
                    continue;
                }
                // a node fed only by 'none' edges is a zero map; ops still run on it, as in the benchmark
                NDArray src = nodes[from] != null ? nodes[from] : ctx.manager().zeros(x.getShape(), x.getDataType());
                NDArray v = edges[e].forward(ctx, src);
                nodes[to] = nodes[to] == null ? v : nodes[to].add(v);
            }
            return nodes[3] != null ? nodes[3] : ctx.manager().zeros(x.getShape(), x.getDataType());
        }

        @Override
        public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
            String[] nodes = new String[4];
            nodes[0] = x;
            String zeros = null;
            for (int e = 0; e < Nb201Cell.EDGES; e++) {
                if (Zero.isZero(edges[e])) {
                    continue;
                }
                String src = nodes[Nb201Cell.FROM[e]];
                if (src == null) {
                    zeros = zeros != null ? zeros : io.jnas.nn.onnx.OnnxOps.zerosLike(g, x);
                    src = zeros;
                }
                int to = Nb201Cell.TO[e];
                nodes[to] = io.jnas.nn.onnx.OnnxOps.sum(g, java.util.Arrays.asList(nodes[to], edges[e].onnx(g, src)));
            }
            return nodes[3] != null ? nodes[3] : io.jnas.nn.onnx.OnnxOps.zerosLike(g, x);
        }
    }

    /** One NAS-Bench-201 cell on C channels, (N, C, H, W) → (N, C, H, W). */
    public static Module cell(Init init, Nb201Cell cell, int c) {
        return new Cell(init, cell, c);
    }

    /** The benchmark's residual reduction block, (N, in, H, W) → (N, out, H/2, W/2). */
    public static Module resBlock(Init init, int in, int out) {
        return new ResBlock(init, in, out);
    }

    /** Residual reduction: ReLU-conv3×3/2-BN, ReLU-conv3×3-BN; shortcut 2×2 avg pool + 1×1 conv. */
    static final class ResBlock extends Module {
        private final Module a;
        private final Module b;
        private final Module shortcut;

        ResBlock(Init init, int in, int out) {
            a = child("conv_a", Ops.reluConvBn(init, in, out, 3, 2, 1, true));
            b = child("conv_b", Ops.reluConvBn(init, out, out, 3, 1, 1, true));
            shortcut = child("downsample", Sequential.of(Pool.avgCountPad(2, 2, 0),
                    new Conv(init, in, out, 1, 1, 0, 1, 1, false)));
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            return b.forward(ctx, a.forward(ctx, x)).add(shortcut.forward(ctx, x));
        }

        @Override
        public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
            return io.jnas.nn.onnx.OnnxOps.sum(g, java.util.List.of(b.onnx(g, a.onnx(g, x)), shortcut.onnx(g, x)));
        }
    }
}
