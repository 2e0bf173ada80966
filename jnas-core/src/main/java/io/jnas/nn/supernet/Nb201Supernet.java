package io.jnas.nn.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.BatchNorm;
import io.jnas.nn.CellOps;
import io.jnas.nn.Conv;
import io.jnas.nn.Ctx;
import io.jnas.nn.Identity;
import io.jnas.nn.Init;
import io.jnas.nn.Module;
import io.jnas.nn.Nb201Network;
import io.jnas.nn.Param;
import io.jnas.nn.Sequential;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The NAS-Bench-201 search network (NAS-Bench-201, arXiv:2001.00326; searched as in MAE-NAS,
 * arXiv:2311.12086): the benchmark's macro skeleton with every cell edge a mixed operation (non-affine BNs) and
 * one 6×5 α shared by all cells.
 * Derivation: argmax over all five operations per edge, {@code none} included.
 * Input (N, in, H, W); features: the last cell of each stage at H, H/2, H/4.
 */
public final class Nb201Supernet extends Supernet {
    private static final Nb201Op[] OPS = Nb201Op.values();
    private final Module stem;
    private final List<Module> blocks = new ArrayList<>();
    private final int[] stageEnd = new int[3];
    private final int[] stageChannels = new int[3];
    private final NDArray alpha;
    private double auxBeta;

    public Nb201Supernet(Init init, int inChannels, int c, int cellsPerStage, SearchOptions options) {
        stem = child("stem", Sequential.of(new Conv(init, inChannels, c, 3, 1, 1, 1, 1, false), new BatchNorm(init, c, true)));
        int ch = c;
        int index = 0;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                blocks.add(child("cells." + index++, Nb201Network.resBlock(init, ch, 2 * ch)));
                ch *= 2;
            }
            for (int i = 0; i < cellsPerStage; i++) {
                blocks.add(child("cells." + index++, new SearchCell(init, ch, options)));
            }
            stageEnd[stage] = index - 1;
            stageChannels[stage] = ch;
        }
        alpha = param("alpha", init.normal(new Shape(Nb201Cell.EDGES, OPS.length), 1e-3), Param.Kind.ARCH);
    }

    @Override
    public Features features(Ctx ctx, NDArray x, NDArray mask) {
        NDArray w = ctx.scoped(alpha.softmax(1));
        NDArray y = remask(stem.forward(ctx, x), mask);
        NDArray[] f = new NDArray[3];
        for (int i = 0; i < blocks.size(); i++) {
            Module b = blocks.get(i);
            y = b instanceof SearchCell cell ? cell.forward(ctx, y, w, auxBeta, edgeWork()) : b.forward(ctx, y);
            y = remask(y, mask);
            for (int k = 0; k < 3; k++) {
                if (stageEnd[k] == i) {
                    f[k] = y;
                }
            }
        }
        return new Features(f[0], f[1], f[2]);
    }

    @Override
    public int[] stageChannels() {
        return stageChannels.clone();
    }

    @Override
    public void setAuxSkipWeight(double beta) {
        this.auxBeta = beta;
    }

    /** The derived cell: argmax of softmax(α) per edge. */
    public Nb201Cell cell() {
        double[][] w = AlphaMath.softmaxRows(alpha);
        Nb201Op[] ops = new Nb201Op[Nb201Cell.EDGES];
        for (int e = 0; e < ops.length; e++) {
            ops[e] = OPS[AlphaMath.argmax(w[e], 0)];
        }
        return Nb201Cell.of(ops);
    }

    @Override
    public String derive() {
        return cell().toString();
    }

    @Override
    public int derivedSkips() {
        return cell().count(Nb201Op.SKIP_CONNECT);
    }

    @Override
    public List<double[][]> alphaSoftmax() {
        return List.<double[][]>of(AlphaMath.softmaxRows(alpha));
    }

    @Override
    public List<String> alphaNames() {
        return List.of("cell");
    }

    @Override
    public List<String> opNames() {
        return Arrays.stream(OPS).map(Nb201Op::text).toList();
    }

    /**
     * A search cell: node j = Σ_{i<j} mixed_{i→j}(node i), output node 3. The edges that read one node share its ReLU
     * (both convolutions start with it) and its average pool, computed once per node.
     */
    static final class SearchCell extends Module {
        private final MixedOp[] edges = new MixedOp[Nb201Cell.EDGES];

        SearchCell(Init init, int c, SearchOptions o) {
            int pc = c / o.partialChannels();
            Module[] pools = new Module[3];
            for (int e = 0; e < edges.length; e++) {
                int from = Nb201Cell.FROM[e];
                if (pools[from] == null) {
                    pools[from] = CellOps.nb201(init, Nb201Op.AVG_POOL_3X3, pc, false);
                }
                List<Module> ops = new ArrayList<>();
                boolean[] pre = new boolean[OPS.length];
                for (Nb201Op op : OPS) {
                    pre[op.ordinal()] = op == Nb201Op.NOR_CONV_1X1 || op == Nb201Op.NOR_CONV_3X3;
                    ops.add(op == Nb201Op.AVG_POOL_3X3 ? pools[from]
                            : pre[op.ordinal()] ? CellOps.nb201PreActivated(init, op, pc, false) : CellOps.nb201(init, op, pc, false));
                }
                edges[e] = child("edges." + e, new MixedOp(ops, pre, c, o.partialChannels(), 1, o.auxSkip() ? new Identity() : null));
            }
        }

        @Override
        public NDArray forward(Ctx ctx, NDArray x) {
            throw new UnsupportedOperationException("a search cell needs its α weights");
        }

        NDArray forward(Ctx ctx, NDArray x, NDArray w, double auxBeta, MixedOp.Shared shared) {
            NDArray[] nodes = new NDArray[4];
            nodes[0] = x;
            for (int e = 0; e < edges.length; e++) {
                NDArray h = edges[e].forward(ctx, nodes[Nb201Cell.FROM[e]], w.get(e), auxBeta, shared);
                int to = Nb201Cell.TO[e];
                nodes[to] = nodes[to] == null ? h : nodes[to].add(h);
            }
            return nodes[3];
        }
    }

    @Override
    public boolean preActivationHead() {
        return true;
    }
}
