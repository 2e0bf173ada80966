package io.jnas.nn.ofa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Ctx;
import io.jnas.nn.onnx.OnnxGraph;
import io.jnas.nn.onnx.OnnxOps;
import io.jnas.space.ofa.OfaLayout;
import io.jnas.space.ofa.OfaSubnet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * An OFA subnet's inference graph cut into pieces whose times add up to the network's (input at the subnet's
 * resolution): the stem with the first block, each active block, each sum of OFAv2's dense skips, and the exit head;
 * what a latency look-up table times one by one, as once-for-all timed its blocks.
 */
public final class OfaPieces {
    private OfaPieces() {
    }

    /**
     * One piece. The key names everything its time depends on: kind, stage, input shape and choices (a block without
     * the MBConv branch has kernel and expand 0, as they do not shape it).
     *
     * @param key what the piece is, e.g. {@code block s2 24x16x16 k5 e4 p1 /1 >24}
     * @param input its input (channels, height, width)
     * @param forward what it computes in libtorch
     * @param onnx what it computes as ONNX nodes
     */
    public record Piece(String key, Shape input, BiFunction<Ctx, NDArray, NDArray> forward, BiFunction<OnnxGraph, String, String> onnx) {
    }

    static List<Piece> of(OfaNetwork net, OfaSubnet s) {
        OfaNetwork.Spec spec = net.spec();
        double w = spec.width();
        List<Piece> out = new ArrayList<>();
        Shape in = new Shape(spec.inChannels(), s.r(), s.r());
        out.add(new Piece("stem " + dims(in) + " w" + w, in, net::stem, (g, x) -> net.stem(g, ctx(g, x), x)));
        int size = OfaLayout.out(s.r(), 2);
        Shape h = new Shape(OfaLayout.firstBlock(w), size, size);
        for (int st = 0; st < s.stages(); st++) {
            int stage = st;
            h = net.stage(h, st, s, (b, x, k, e, br) -> {
                int o = OfaLayout.out((int) x.get(1), b.stride());
                Shape y = new Shape(OfaLayout.stage(stage, w), o, o);
                boolean mb = OfaSubnet.has(br, OfaSubnet.MBCONV);
                out.add(new Piece(String.format("block s%d %s k%d e%d p%d /%d >%d", stage + 1, dims(x), mb ? k : 0, mb ? e : 0, br,
                        b.stride(), y.get(0)), x, (c, v) -> b.forward(c, v, k, e, br), (g, v) -> b.onnx(g, ctx(g, v), v, k, e, br)));
                return y;
            }, terms -> {
                if (terms.size() > 1) {
                    out.add(sum(terms.size(), terms.get(0)));
                }
                return terms.get(0);
            });
        }
        ExitHead head = net.head(s.stages() - 1);
        out.add(new Piece("head s" + s.stages() + " " + dims(h) + " classes" + spec.classes() + " w" + w, h, head::forward,
                (g, v) -> head.onnx(g, ctx(g, v), v)));
        return out;
    }

    private static Piece sum(int n, Shape shape) {
        return new Piece("sum n" + n + " " + dims(shape), shape, (c, v) -> {
            NDArray acc = v;
            for (int i = 1; i < n; i++) {
                acc = acc.add(v);
            }
            return acc;
        }, (g, v) -> OnnxOps.sum(g, Collections.nCopies(n, v)));
    }

    private static Ctx ctx(OnnxGraph g, String x) {
        return Ctx.eval(g.value(x).getManager());
    }

    private static String dims(Shape s) {
        return s.get(0) + "x" + s.get(1) + "x" + s.get(2);
    }
}
