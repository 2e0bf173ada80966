package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.CellOps;
import io.jnas.nn.DartsMacro;
import io.jnas.nn.Ctx;
import io.jnas.nn.FactorizedReduce;
import io.jnas.nn.Identity;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.Ops;
import io.jnas.nn.Param;
import io.jnas.space.darts.DartsOp;
import io.jnas.space.darts.Genotype;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DARTS search network (DARTS, arXiv:1806.09055): stem 3×3 conv (→3C) + BN, {@code layers} cells
 * with mixed operations on 14 edges (non-affine BNs; pools followed by BN), reduction cells at
 * layers/3 and 2·layers/3. α: one 14×8 matrix per cell type, initialised 1e-3·N(0, 1).
 * Input (N, in, H, W); features f1/f2/f3 at H, H/2, H/4.
 */
public final class DartsSupernet extends Supernet {
    private static final int EDGES = 14;
    private static final DartsOp[] OPS = DartsOp.values();
    private final Module stem;
    private final List<SearchCell> cells = new ArrayList<>();
    private final NDArray alphaNormal;
    private final NDArray alphaReduce;
    private final NDArray betaNormal;
    private final NDArray betaReduce;
    private final int[] stageEnd = new int[3];
    private final int[] stageChannels = new int[3];
    private double auxBeta;

    public DartsSupernet(Init init, int inChannels, int c, int layers, SearchOptions options) {
        if (layers < 3) {
            throw new IllegalArgumentException("the DARTS supernet needs at least 3 layers, got " + layers);
        }
        stem = child("stem", DartsMacro.stem(init, inChannels, c));
        int[] stage = {0};
        int last = DartsMacro.cells(c, layers, (i, cpp, cp, cur, reduction, reductionPrev) -> {
            if (reduction) {
                stageEnd[stage[0]] = i - 1;
                stageChannels[stage[0]] = cp;
                stage[0]++;
            }
            cells.add(child("cells." + i, new SearchCell(init, cpp, cp, cur, reduction, reductionPrev, options)));
            return 4 * cur;
        });
        stageEnd[2] = layers - 1;
        stageChannels[2] = last;
        alphaNormal = param("alpha_normal", init.normal(new Shape(EDGES, OPS.length), 1e-3), Param.Kind.ARCH);
        alphaReduce = param("alpha_reduce", init.normal(new Shape(EDGES, OPS.length), 1e-3), Param.Kind.ARCH);
        if (options.partialChannels() > 1) {
            betaNormal = param("beta_normal", init.normal(new Shape(EDGES), 1e-3), Param.Kind.ARCH);
            betaReduce = param("beta_reduce", init.normal(new Shape(EDGES), 1e-3), Param.Kind.ARCH);
        } else {
            betaNormal = null;
            betaReduce = null;
        }
    }

    @Override
    public Features features(Ctx ctx, NDArray x, NDArray mask) {
        NDArray wn = ctx.scoped(alphaNormal.softmax(1));
        NDArray wr = ctx.scoped(alphaReduce.softmax(1));
        NDArray en = betaNormal == null ? null : edgeWeights(ctx, betaNormal);
        NDArray er = betaReduce == null ? null : edgeWeights(ctx, betaReduce);
        NDArray s0 = remask(stem.forward(ctx, x), mask);
        NDArray s1 = s0;
        NDArray[] f = new NDArray[3];
        if (stageEnd[0] < 0) {
            f[0] = s0;
        }
        for (int i = 0; i < cells.size(); i++) {
            SearchCell cell = cells.get(i);
            NDArray out = remask(cell.forward(ctx, s0, s1, cell.reduction ? wr : wn, cell.reduction ? er : en, auxBeta,
                    edgeWork()), mask);
            s0 = s1;
            s1 = out;
            for (int k = 0; k < 3; k++) {
                if (stageEnd[k] == i) {
                    f[k] = out;
                }
            }
        }
        return new Features(f[0], f[1], f[2]);
    }

    /** PC-DARTS edge normalisation: softmax of β over each node's incoming edges, (14). */
    private static NDArray edgeWeights(Ctx ctx, NDArray beta) {
        NDList parts = new NDList();
        int start = 0;
        for (int n = 2; n < 2 + Genotype.NODES; n++) {
            parts.add(ctx.scoped(beta.get(start + ":" + (start + n))).softmax(0));
            start += n;
        }
        return NDArrays.concat(parts, 0);
    }

    @Override
    public int[] stageChannels() {
        return stageChannels.clone();
    }

    @Override
    public void setAuxSkipWeight(double beta) {
        this.auxBeta = beta;
    }

    /** The derived genotype: per node the two strongest edges (max non-none weight), each with its best non-none op. */
    public Genotype genotype() {
        return new Genotype(deriveCell(alphaNormal, betaNormal), List.of(2, 3, 4, 5), deriveCell(alphaReduce, betaReduce),
                List.of(2, 3, 4, 5));
    }

    private static List<Genotype.Edge> deriveCell(NDArray alpha, NDArray beta) {
        double[][] w = AlphaMath.softmaxRows(alpha);
        float[] b = beta == null ? null : beta.toFloatArray();
        List<Genotype.Edge> out = new ArrayList<>();
        int start = 0;
        for (int n = 2; n < 2 + Genotype.NODES; n++) {
            double[] edgeW = b == null ? null : AlphaMath.softmax(b, start, start + n);
            Integer[] edges = new Integer[n];
            double[] strength = new double[n];
            for (int j = 0; j < n; j++) {
                edges[j] = j;
                double[] row = w[start + j];
                strength[j] = row[AlphaMath.argmax(row, 1)] * (edgeW == null ? 1 : edgeW[j]);
            }
            Arrays.sort(edges, (p, q) -> Double.compare(strength[q], strength[p]));
            for (int k = 0; k < 2; k++) {
                int j = edges[k];
                out.add(new Genotype.Edge(OPS[AlphaMath.argmax(w[start + j], 1)], j));
            }
            start += n;
        }
        return out;
    }

    @Override
    public String derive() {
        return genotype().toString();
    }

    @Override
    public int derivedSkips() {
        return genotype().normalSkips();
    }

    @Override
    public List<double[][]> alphaSoftmax() {
        return List.of(AlphaMath.softmaxRows(alphaNormal), AlphaMath.softmaxRows(alphaReduce));
    }

    @Override
    protected int firstChoice() {
        return 1; // 'none' is never derived
    }

    @Override
    public List<String> alphaNames() {
        return List.of("normal", "reduce");
    }

    @Override
    public List<String> opNames() {
        return Arrays.stream(OPS).map(DartsOp::text).toList();
    }

    /**
     * A search cell: 14 mixed edges over 4 nodes, output the concatenation of the nodes. The edges that read one state
     * share its ReLU and its two pools with their batch norms (the same tensors for each of them), so each is computed
     * once per state instead of once per edge.
     */
    static final class SearchCell extends Module {
        final boolean reduction;
        private final Module pre0;
        private final Module pre1;
        private final MixedOp[] edges = new MixedOp[EDGES];

        SearchCell(Init init, int cpp, int cp, int c, boolean reduction, boolean reductionPrev, SearchOptions o) {
            this.reduction = reduction;
            pre0 = child("pre0", reductionPrev ? new FactorizedReduce(init, cpp, c, false)
                    : Ops.reluConvBn(init, cpp, c, 1, 1, 0, false));
            pre1 = child("pre1", Ops.reluConvBn(init, cp, c, 1, 1, 0, false));
            int k = 0;
            int pc = c / o.partialChannels();
            // per state, the pools (each with its non-affine batch norm) that every edge reading the state shares
            Module[][] pools = new Module[1 + Genotype.NODES][];
            for (int n = 2; n < 2 + Genotype.NODES; n++) {
                for (int j = 0; j < n; j++) {
                    int stride = reduction && j < 2 ? 2 : 1;
                    if (pools[j] == null) {
                        pools[j] = new Module[] {CellOps.darts(init, DartsOp.MAX_POOL_3X3, pc, stride, false, true),
                                CellOps.darts(init, DartsOp.AVG_POOL_3X3, pc, stride, false, true)};
                    }
                    List<Module> ops = new ArrayList<>();
                    boolean[] pre = new boolean[OPS.length];
                    for (DartsOp op : OPS) {
                        pre[op.ordinal()] = CellOps.sharesRelu(op);
                        ops.add(switch (op) {
                            case MAX_POOL_3X3 -> pools[j][0];
                            case AVG_POOL_3X3 -> pools[j][1];
                            default -> pre[op.ordinal()] ? CellOps.dartsPreActivated(init, op, pc, stride)
                                    : CellOps.darts(init, op, pc, stride, false, true);
                        });
                    }
                    Module aux = o.auxSkip() ? (stride == 1 ? new Identity() : new FactorizedReduce(init, c, c, false)) : null;
                    edges[k] = child("edges." + k, new MixedOp(ops, pre, c, o.partialChannels(), stride, aux));
                    k++;
                }
            }
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            throw new UnsupportedOperationException("a search cell needs two inputs and its weights");
        }

        NDArray forward(Ctx ctx, NDArray s0, NDArray s1, NDArray w, NDArray edgeW, double auxBeta, MixedOp.Shared shared) {
            List<NDArray> states = new ArrayList<>();
            states.add(pre0.forward(ctx, s0));
            states.add(pre1.forward(ctx, s1));
            int k = 0;
            for (int n = 2; n < 2 + Genotype.NODES; n++) {
                NDArray sum = null;
                for (int j = 0; j < n; j++) {
                    NDArray h = edges[k].forward(ctx, states.get(j), w.get(k), auxBeta, shared);
                    if (edgeW != null) {
                        h = h.mul(edgeW.get(k));
                    }
                    sum = sum == null ? h : sum.add(h);
                    k++;
                }
                states.add(sum);
            }
            return NDArrays.concat(new NDList(states.subList(2, states.size())), 1);
        }
    }

    @Override
    public boolean preActivationHead() {
        return false;
    }
}
