package io.jnas.space.ofa;

/**
 * Analytic cost of an extracted OFA / OFAv2 subnet (OFA, arXiv:1908.09791): trainable parameters
 * (conv and linear weights, biases, BN scale and shift) and multiply-accumulates of one
 * {@code 1×C×r×r} image, counting conv and linear layers only (pooling, activations, BN and
 * additions are free, as in OFA's counter). Used as the exact cheap objectives of the search;
 * {@code nn.ofa} networks meter the same numbers (tested).
 *
 * @param params trainable parameters
 * @param macs multiply-accumulates of one image
 */
public record OfaCost(long params, long macs) {

    /** The search's cost model: each subnet's analytic cost for {@code inChannels}-channel images and {@code classes}. */
    public static io.jnas.space.CostModel<OfaSubnet> model(int inChannels, int classes) {
        return new io.jnas.space.CostModel<>() {
            @Override
            public long params(OfaSubnet s) {
                return of(s, inChannels, classes).params();
            }

            @Override
            public long macs(OfaSubnet s) {
                return of(s, inChannels, classes).macs();
            }
        };
    }

    /** Cost of a subnet for {@code inChannels}-channel images and {@code classes} classes. */
    public static OfaCost of(OfaSubnet s, int inChannels, int classes) {
        Acc a = new Acc();
        double w = s.w();
        int size = OfaLayout.out(s.r(), 2);
        int c = OfaLayout.stem(w);
        a.conv(inChannels, c, 3, size, 1, false);
        a.bn(c);
        // first block: depthwise 3x3 + BN + project + BN (expand 1, identity shortcut)
        int c1 = OfaLayout.firstBlock(w);
        a.conv(c, c, 3, size, c, false);
        a.bn(c);
        a.conv(c, c1, 1, size, 1, false);
        a.bn(c1);
        c = c1;
        int block = 0;
        for (int st = 0; st < s.stages(); st++) {
            int out = OfaLayout.stage(st, w);
            for (int j = 0; j < s.d().get(st); j++, block++) {
                int stride = j == 0 ? OfaLayout.stride(st) : 1;
                int outSize = OfaLayout.out(size, stride);
                int branches = s.branches(block);
                if (OfaSubnet.has(branches, OfaSubnet.MBCONV)) {
                    int mid = OfaLayout.middle(c, s.e().get(block));
                    a.conv(c, mid, 1, size, 1, false);
                    a.bn(mid);
                    a.conv(mid, mid, s.ks().get(block), outSize, mid, false);
                    a.bn(mid);
                    if (OfaLayout.se(st)) {
                        int sq = OfaLayout.squeeze(mid);
                        a.conv(mid, sq, 1, 1, 1, true);
                        a.conv(sq, mid, 1, 1, 1, true);
                    }
                    a.conv(mid, out, 1, outSize, 1, false);
                    a.bn(out);
                }
                if (OfaSubnet.has(branches, OfaSubnet.CONV1X1)) {
                    a.conv(c, out, 1, outSize, 1, false);
                    a.bn(out);
                }
                if (OfaSubnet.has(branches, OfaSubnet.TRANSFORM)) {
                    if (c != out) {
                        a.conv(c, out, 1, outSize, 1, false);
                    }
                    a.bn(out);
                }
                c = out;
                size = outSize;
            }
        }
        int[] head = OfaLayout.exitHead(s.stages() - 1, w);
        a.conv(c, head[0], 1, size, 1, false);
        a.bn(head[0]);
        a.conv(head[0], head[1], 1, 1, 1, false);
        a.linear(head[1], classes);
        return new OfaCost(a.params, a.macs);
    }

    private static final class Acc {
        long params;
        long macs;

        void conv(int in, int out, int k, int outSize, int groups, boolean bias) {
            long weights = (long) out * (in / groups) * k * k;
            params += weights + (bias ? out : 0);
            macs += weights * outSize * outSize;
        }

        void bn(int c) {
            params += 2L * c;
        }

        void linear(int in, int out) {
            params += (long) in * out + out;
            macs += (long) in * out;
        }
    }
}
