package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Act;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.Network;
import io.jnas.nn.Param;
import io.jnas.space.ofa.OfaLayout;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OFA / OFAv2 MobileNetV3 network (OFA, arXiv:1908.09791; OFAv2, arXiv:2302.01888). Built from a <em>plan</em>, the largest
 * subnet it can run: the super-network's plan is every block at kernel 7, expand 6, all
 * branches and all exits; an extracted subnet's plan is the subnet itself, so the same class
 * serves both. {@link #activate} chooses the subnet that {@link #forward} runs; inputs are resized
 * (bilinear) to its resolution. Input (N, C, H, W), logits (N, classes) of the active exit.
 *
 * <p>Dense skips (OFAv2, inside a stage, y_j the output of block j): block j ≥ 4 takes
 * y_{j−1} + Σ_{i ≤ j−3} y_i, the stage returns y_D + Σ_{i ≤ D−2} y_i.
 */
public final class OfaNetwork extends Network {

    /**
     * Shape of a super-network.
     *
     * @param inChannels image channels
     * @param classes classes
     * @param width width multiplier
     * @param parallel parallel blocks (OFAv2)
     * @param dense dense skip connections (OFAv2)
     * @param exits early exits (OFAv2)
     * @param dropout dropout before each classifier
     */
    public record Spec(int inChannels, int classes, double width, boolean parallel, boolean dense, boolean exits,
            double dropout) {
        public Spec {
            if (inChannels < 1 || classes < 2) {
                throw new IllegalArgumentException("an OFA network needs >= 1 input channel and >= 2 classes");
            }
        }

        /** The largest subnet of this super-network at resolution r. */
        public OfaSubnet largest(int r) {
            return new io.jnas.space.ofa.OfaSpace(List.of(r), List.of(width), parallel, exits).largest();
        }
    }

    private final Spec spec;
    private final OfaSubnet plan;
    private final NDArray stem;
    private final SliceNorm stemBn;
    private final NDArray firstDw;
    private final SliceNorm firstBn1;
    private final NDArray firstProject;
    private final SliceNorm firstBn2;
    private final List<List<OfaBlock>> stages = new ArrayList<>();
    private final Map<Integer, ExitHead> heads = new LinkedHashMap<>();
    private OfaSubnet active;

    private OfaNetwork(Init init, Spec spec, OfaSubnet plan, boolean supernet) {
        this.spec = spec;
        this.plan = plan;
        if (plan.w() != spec.width() || plan.p().isEmpty() == spec.parallel() || (plan.nd() == 0) == spec.exits()) {
            throw new IllegalArgumentException("subnet " + plan + " does not belong to this super-network (width "
                    + spec.width() + (spec.parallel() ? ", parallel blocks" : "") + (spec.exits() ? ", early exits" : "") + ")");
        }
        double w = spec.width();
        int c0 = OfaLayout.stem(w);
        stem = param("stem", init.fanIn(new Shape(c0, spec.inChannels(), 3, 3), 9L * spec.inChannels()), Param.Kind.WEIGHT);
        stemBn = child("stem_bn", new SliceNorm(init, c0));
        int c1 = OfaLayout.firstBlock(w);
        firstDw = param("first_dw", init.fanIn(new Shape(c0, 1, 3, 3), 9), Param.Kind.WEIGHT);
        firstBn1 = child("first_bn1", new SliceNorm(init, c0));
        firstProject = param("first_project", init.fanIn(new Shape(c1, c0, 1, 1), c0), Param.Kind.WEIGHT);
        firstBn2 = child("first_bn2", new SliceNorm(init, c1));
        int c = c1;
        int block = 0;
        for (int s = 0; s < plan.stages(); s++) {
            int out = OfaLayout.stage(s, w);
            Act.Kind act = OfaLayout.hswish(s) ? Act.Kind.HSWISH : Act.Kind.RELU;
            List<OfaBlock> blocks = new ArrayList<>();
            for (int j = 0; j < plan.d().get(s); j++, block++) {
                blocks.add(child("s" + (s + 1) + "b" + (j + 1), new OfaBlock(init, c, out, plan.ks().get(block),
                        plan.e().get(block), j == 0 ? OfaLayout.stride(s) : 1, act, OfaLayout.se(s), plan.branches(block), supernet)));
                c = out;
            }
            stages.add(blocks);
            boolean head = spec.exits() ? supernet || s == plan.stages() - 1 : s == OfaSubnet.STAGES - 1;
            if (head) {
                int[] h = OfaLayout.exitHead(s, w);
                heads.put(s, child("exit" + (s + 1), new ExitHead(init, out, h[0], h[1], spec.classes(), spec.dropout())));
            }
        }
        active = plan;
    }

    /** A super-network with every choice available, active subnet = the largest at resolution r. */
    public static OfaNetwork supernet(Init init, Spec spec, int r) {
        return new OfaNetwork(init, spec, spec.largest(r), true);
    }

    /** A network that runs exactly {@code subnet} (fresh weights). */
    public static OfaNetwork of(Init init, Spec spec, OfaSubnet subnet) {
        return new OfaNetwork(init, spec, subnet, false);
    }

    public Spec spec() {
        return spec;
    }

    public OfaSubnet active() {
        return active;
    }

    /** Chooses the subnet that {@link #forward} runs; throws when it is not part of this network. */
    public OfaNetwork activate(OfaSubnet s) {
        SubnetFit.check(spec, plan, heads.keySet(), s);
        active = s;
        return this;
    }

    @Override
    public NDArray forward(Ctx ctx, NDArray x) {
        List<NDArray> exits = run(ctx, x, false);
        return exits.get(exits.size() - 1);
    }

    /**
     * Logits of every exit up to the active one (OFAv2 training, exits 1..nd); a network without
     * exits returns one entry.
     */
    public List<NDArray> exitLogits(Ctx ctx, NDArray x) {
        return run(ctx, x, true);
    }

    /** Stage indices (0-based) whose exits {@link #exitLogits} returns for the active subnet. */
    public List<Integer> exitStages() {
        List<Integer> out = new ArrayList<>();
        for (int s : heads.keySet()) {
            if (s < active.stages()) {
                out.add(s);
            }
        }
        return out;
    }

    private List<NDArray> run(Ctx ctx, NDArray x, boolean allExits) {
        OfaSubnet s = active;
        if (x.getShape().get(2) != s.r() || x.getShape().get(3) != s.r()) {
            x = x.getNDArrayInternal().interpolation(new long[] {s.r(), s.r()}, 1, false);
        }
        NDArray h = stem(ctx, x);
        List<NDArray> out = new ArrayList<>();
        for (int st = 0; st < s.stages(); st++) {
            h = stage(h, st, s, (b, in, k, e, br) -> b.forward(ctx, in, k, e, br),
                    t -> t.stream().reduce(NDArray::add).orElseThrow());
            boolean last = st == s.stages() - 1;
            if (heads.containsKey(st) && (last || (allExits && spec.exits()))) {
                out.add(heads.get(st).forward(ctx, h));
            }
        }
        return out;
    }

    /** One block of a stage, run on its input with the subnet's kernel, expand ratio and branches. */
    interface StageBlock<T> {
        T run(OfaBlock block, T in, int k, int expand, int branches);
    }

    /**
     * Stage {@code st} of subnet {@code s} on {@code x}: its blocks in order with OFAv2's dense sums (block j >= 4 takes
     * y_{j-1} + y_1 + ... + y_{j-3}; the stage returns y_D + y_1 + ... + y_{D-2}); {@code sum} adds values in list order.
     */
    <T> T stage(T x, int st, OfaSubnet s, StageBlock<T> block, java.util.function.Function<List<T>, T> sum) {
        int depth = s.d().get(st);
        List<T> ys = new ArrayList<>();
        T in = x;
        for (int j = 0; j < depth; j++) {
            if (spec.dense() && j >= 3) {
                List<T> terms = new ArrayList<>(List.of(ys.get(j - 1)));
                terms.addAll(ys.subList(0, j - 2));
                in = sum.apply(terms);
            } else if (j > 0) {
                in = ys.get(j - 1);
            }
            int b = s.firstBlock(st) + j;
            ys.add(block.run(stages.get(st).get(j), in, s.ks().get(b), s.e().get(b), s.branches(b)));
        }
        List<T> out = new ArrayList<>(List.of(ys.get(depth - 1)));
        if (spec.dense() && depth >= 3) {
            out.addAll(ys.subList(0, depth - 2));
        }
        return sum.apply(out);
    }

    /** The active subnet's inference form (inputs resized to r inside the graph), up to its exit; of an extracted subnet. */
    @Override
    public String onnx(io.jnas.nn.onnx.OnnxGraph g, String x) {
        OfaSubnet s = active;
        if (g.shape(x).get(2) != s.r() || g.shape(x).get(3) != s.r()) {
            NDArray v = g.value(x).getNDArrayInternal().interpolation(new long[] {s.r(), s.r()}, 1, false);
            x = io.jnas.nn.onnx.OnnxOps.resizeBilinear(g, x, s.r(), v);
        }
        Ctx ctx = Ctx.eval(g.value(x).getManager());
        String h = stem(g, ctx, x);
        for (int st = 0; st < s.stages(); st++) {
            h = stage(h, st, s, (b, in, k, e, br) -> b.onnx(g, ctx, in, k, e, br), terms -> io.jnas.nn.onnx.OnnxOps.sum(g, terms));
        }
        return heads.get(s.stages() - 1).onnx(g, ctx, h);
    }

    /** The stem and the first block (depthwise 3×3, project, identity shortcut when the widths match). */
    NDArray stem(Ctx ctx, NDArray x) {
        NDArray h = Act.apply(ctx, Act.Kind.HSWISH, stemBn.forward(ctx, Elastic.conv(ctx, x, stem, null, 2, 1)));
        NDArray f = Act.apply(ctx, Act.Kind.RELU, firstBn1.forward(ctx, Elastic.conv(ctx, h, firstDw, null, 1, (int) h.getShape().get(1))));
        f = firstBn2.forward(ctx, Elastic.conv(ctx, f, firstProject, null, 1, 1));
        return f.getShape().equals(h.getShape()) ? f.add(h) : f;
    }

    /** {@link #stem(Ctx, NDArray)} as ONNX nodes. */
    String stem(io.jnas.nn.onnx.OnnxGraph g, Ctx ctx, String x) {
        String h = Act.onnx(g, Act.Kind.HSWISH, stemBn.onnx(g, ctx, Elastic.conv(g, ctx, x, stem, null, 2, 1), stemBn.width()));
        String f = Elastic.conv(g, ctx, h, firstDw, null, 1, (int) g.shape(h).get(1));
        f = Act.onnx(g, Act.Kind.RELU, firstBn1.onnx(g, ctx, f, firstBn1.width()));
        f = firstBn2.onnx(g, ctx, Elastic.conv(g, ctx, f, firstProject, null, 1, 1), firstBn2.width());
        return g.shape(f).equals(g.shape(h)) ? io.jnas.nn.onnx.OnnxOps.sum(g, List.of(f, h)) : f;
    }

    /** The active subnet's inference graph in pieces a latency look-up table times one by one ({@link OfaPieces}). */
    public List<OfaPieces.Piece> pieces() {
        return OfaPieces.of(this, active);
    }

    /** The exit head after stage {@code st}. */
    ExitHead head(int st) {
        return heads.get(st);
    }

    /** Re-orders every block's middle channels by importance (before an expand phase of progressive shrinking). */
    public void sortChannels() {
        for (List<OfaBlock> st : stages) {
            for (OfaBlock b : st) {
                b.sortChannels();
            }
        }
    }

    /**
     * Extracts {@code s} as a stand-alone network holding copies of its active weights (kernel
     * transforms applied, middle channels sliced). Its BN statistics are the super-network's
     * full-width ones and must be recalibrated before evaluation.
     */
    public OfaNetwork extract(Init init, OfaSubnet s) {
        activate(s);
        OfaNetwork t = of(init, spec, s);
        Elastic.copy(stem, t.stem);
        stemBn.copyInto(t.stemBn);
        Elastic.copy(firstDw, t.firstDw);
        firstBn1.copyInto(t.firstBn1);
        Elastic.copy(firstProject, t.firstProject);
        firstBn2.copyInto(t.firstBn2);
        for (int st = 0; st < s.stages(); st++) {
            for (int j = 0; j < s.d().get(st); j++) {
                stages.get(st).get(j).copyInto(t.stages.get(st).get(j), s.ks().get(s.firstBlock(st) + j));
            }
        }
        int exit = s.stages() - 1;
        heads.get(exit).copyInto(t.heads.get(exit));
        return t;
    }

    /**
     * Switches every BN to recalibration (statistics reset, then a cumulative average over the
     * following training-mode batches) or back to normal.
     */
    public void recalibrating(boolean on) {
        stemBn.recalibrating(on);
        firstBn1.recalibrating(on);
        firstBn2.recalibrating(on);
        for (List<OfaBlock> st : stages) {
            for (OfaBlock b : st) {
                b.recalibrating(on);
            }
        }
        for (ExitHead h : heads.values()) {
            h.recalibrating(on);
        }
    }

    @Override
    public int inputChannels() {
        return spec.inChannels();
    }
}
