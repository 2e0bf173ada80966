package io.jnas.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.jnas.space.darts.Genotype;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The DARTS evaluation network for a genotype: stem 3×3 conv (→3C) + BN, {@code layers} cells
 * (reduction cells at layers/3 and 2·layers/3, channels doubling there), global pool, linear.
 * Optional auxiliary head after cell 2·layers/3 (training only, excluded from cost).
 * Drop-path (probability from {@link Ctx#dropPath()}) applies to every non-identity op.
 * Input (N, in, H, W) → logits (N, classes).
 */
public final class DartsNetwork extends Network {
    private final int inChannels;
    private final Module stem;
    private final List<Cell> cells = new ArrayList<>();
    private final int auxAfter;
    private final AuxHead aux;
    private final Linear classifier;

    public DartsNetwork(Init init, Genotype g, int inChannels, int classes, int c, int layers, boolean auxiliary) {
        if (layers < 3) {
            throw new IllegalArgumentException("the DARTS network needs at least 3 layers, got " + layers);
        }
        this.inChannels = inChannels;
        stem = child("stem", DartsMacro.stem(init, inChannels, c));
        auxAfter = 2 * layers / 3;
        AuxHead[] auxHead = {null};
        int last = DartsMacro.cells(c, layers, (i, cpp, cp, cur, reduction, reductionPrev) -> {
            Cell cell = child("cells." + i, new Cell(init, g, cpp, cp, cur, reduction, reductionPrev));
            cells.add(cell);
            if (auxiliary && i == auxAfter) {
                auxHead[0] = new AuxHead(init, cell.outChannels(), classes);
            }
            return cell.outChannels();
        });
        aux = auxHead[0] == null ? null : child("aux", auxHead[0]);
        classifier = child("classifier", new Linear(init, last, classes));
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        return run(ctx, x).logits();
    }

    @Override
    public Output run(Ctx ctx, NDArray x) {
        NDArray s0 = stem.forward(ctx, x);
        NDArray s1 = s0;
        NDArray auxLogits = null;
        for (int i = 0; i < cells.size(); i++) {
            NDArray s2 = cells.get(i).forward2(ctx, s0, s1);
            s0 = s1;
            s1 = s2;
            if (aux != null && ctx.training() && i == auxAfter) {
                auxLogits = aux.forward(ctx, s1);
            }
        }
        if (ctx.meter() != null) {
            ctx.countPooling(s1.getShape().size() / s1.getShape().get(0));
        }
        return new Output(classifier.forward(ctx, GlobalAvgPool.apply(s1)), auxLogits);
    }

    /** The inference network: cells and classifier; the auxiliary head and drop-path are training-only. */
    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        String s0 = stem.onnx(g, x);
        String s1 = s0;
        for (Cell c : cells) {
            String s2 = c.onnx2(g, s0, s1);
            s0 = s1;
            s1 = s2;
        }
        return classifier.onnx(g, io.jnas.nn.onnx.OnnxOps.globalAvgPoolFlat(g, s1));
    }

    @Override
    public Set<String> costExcluded() {
        return Set.of("aux");
    }

    @Override
    public int inputChannels() {
        return inChannels;
    }

    /**
     * One discrete DARTS cell fed (x, x): (N, in, H, W) → (N, 4·c, H', W'), H' = H/2 for a
     * reduction cell. Used by reduced architectures.
     */
    public static Module singleInputCell(Init init, Genotype g, int in, int c, boolean reduction) {
        return new Cell(init, g, in, in, c, reduction, false);
    }

    /** A discrete DARTS cell; inputs s0, s1 of (N, C_pp|C_p, H, W), output (N, |concat|·C, H', W'). */
    static final class Cell extends Module {
        private final Module pre0;
        private final Module pre1;
        private final Module[] ops = new Module[8];
        private final int[] inputs = new int[8];
        private final List<Integer> concat;
        private final int outChannels;

        Cell(Init init, Genotype g, int cpp, int cp, int c, boolean reduction, boolean reductionPrev) {
            pre0 = child("pre0", reductionPrev ? new FactorizedReduce(init, cpp, c, true)
                    : Ops.reluConvBn(init, cpp, c, 1, 1, 0, true));
            pre1 = child("pre1", Ops.reluConvBn(init, cp, c, 1, 1, 0, true));
            List<Genotype.Edge> edges = reduction ? g.reduce() : g.normal();
            concat = reduction ? g.reduceConcat() : g.normalConcat();
            for (int i = 0; i < 8; i++) {
                Genotype.Edge e = edges.get(i);
                int stride = reduction && e.input() < 2 ? 2 : 1;
                ops[i] = child("ops." + i, CellOps.darts(init, e.op(), c, stride, true, false));
                inputs[i] = e.input();
            }
            outChannels = concat.size() * c;
        }

        int outChannels() {
            return outChannels;
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            return forward2(ctx, x, x);
        }

        @Override
        public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
            return onnx2(g, x, x);
        }

        String onnx2(io.jnas.nn.onnx.OnnxGraph g, String s0, String s1) {
            String[] states = new String[2 + Genotype.NODES];
            states[0] = pre0.onnx(g, s0);
            states[1] = pre1.onnx(g, s1);
            for (int node = 0; node < Genotype.NODES; node++) {
                String a = ops[2 * node].onnx(g, states[inputs[2 * node]]);
                String b = ops[2 * node + 1].onnx(g, states[inputs[2 * node + 1]]);
                String sum = io.jnas.nn.onnx.OnnxOps.sum(g, java.util.Arrays.asList(a, b));
                if (sum == null) {
                    throw new IllegalArgumentException("node " + node + " of the cell has only 'none' inputs; such a genotype "
                            + "has no ONNX form (derive the genotype without 'none')");
                }
                states[2 + node] = sum;
            }
            List<String> parts = new ArrayList<>();
            for (int idx : concat) {
                parts.add(states[idx]);
            }
            return io.jnas.nn.onnx.OnnxOps.concat(g, parts, 1);
        }

        NDArray forward2(Ctx ctx, NDArray s0, NDArray s1) {
            NDArray[] states = new NDArray[2 + Genotype.NODES];
            states[0] = pre0.forward(ctx, s0);
            states[1] = pre1.forward(ctx, s1);
            for (int node = 0; node < Genotype.NODES; node++) {
                NDArray sum = null;
                for (int k = 0; k < 2; k++) {
                    int i = 2 * node + k;
                    NDArray h = ops[i].forward(ctx, states[inputs[i]]);
                    if (!(ops[i] instanceof Identity)) {
                        h = Regularize.dropPath(ctx, h, ctx.dropPath());
                    }
                    sum = sum == null ? h : sum.add(h);
                }
                states[2 + node] = sum;
            }
            NDList parts = new NDList();
            for (int idx : concat) {
                parts.add(states[idx]);
            }
            return NDArrays.concat(parts, 1);
        }
    }

    /**
     * Auxiliary head: ReLU, average pooling to 2×2, 1×1→128 BN ReLU, 2×2→768 BN ReLU, linear. On the 8×8 map of a
     * 32 px input the pooling is DARTS's 5×5 stride 3; on an s×s map it is (s − ⌊s/2⌋)×(s − ⌊s/2⌋) stride ⌊s/2⌋,
     * which also ends at 2×2 (28 px inputs leave 7×7 after two reductions).
     */
    static final class AuxHead extends Module {
        private final Module features;
        private final Linear linear;

        AuxHead(Init init, int c, int classes) {
            features = child("features", Sequential.of(new Conv(init, c, 128, 1, 1, 0, 1, 1, false),
                    new BatchNorm(init, 128, true), Act.relu(), new Conv(init, 128, 768, 2, 1, 0, 1, 1, false),
                    new BatchNorm(init, 768, true), Act.relu()));
            linear = child("linear", new Linear(init, 768, classes));
        }

        /** The pooling that takes an s×s map to 2×2. */
        static Module pooling(long s) {
            if (s < 2) {
                throw new IllegalArgumentException("the auxiliary head needs at least a 2×2 map after the second reduction "
                        + "(inputs of 8 px or more); train without it (--no-auxiliary)");
            }
            if (s == 8) {
                return Pool.avgCountPad(5, 3, 0);
            }
            int stride = (int) (s / 2);
            return Pool.avgCountPad((int) s - stride, stride, 0);
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            NDArray p = pooling(x.getShape().get(2)).forward(ctx, Act.apply(Act.Kind.RELU, x));
            NDArray f = features.forward(ctx, p);
            return linear.forward(ctx, f.reshape(f.getShape().get(0), -1));
        }
    }
}
