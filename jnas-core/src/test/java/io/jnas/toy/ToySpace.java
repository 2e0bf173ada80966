package io.jnas.toy;

import io.jnas.space.EncodedSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A space defined in test code only: five genes of 0..4 (3,125 architectures), text form "g0-g1-g2-g3-g4". It shows
 * what a new space implements, and the toy test runs every strategy on it through the public API.
 */
public final class ToySpace implements EncodedSpace<ToySpace.Arch> {
    /** Number of genes. */
    public static final int GENES = 5;

    /** An architecture: five genes. */
    public record Arch(List<Integer> genes) {
        public Arch {
            genes = List.copyOf(genes);
            if (genes.size() != GENES || genes.stream().anyMatch(g -> g < 0 || g > 4)) {
                throw new IllegalArgumentException("a toy architecture has 5 genes of 0..4, got " + genes);
            }
        }

        @Override
        public String toString() {
            return String.join("-", genes.stream().map(String::valueOf).toList());
        }
    }

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public Arch parse(String text) {
        String[] t = text.split("-");
        List<Integer> g = new ArrayList<>();
        for (String s : t) {
            try {
                g.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad toy gene '" + s + "' in '" + text + "'");
            }
        }
        return new Arch(g);
    }

    @Override
    public String format(Arch arch) {
        return arch.toString();
    }

    @Override
    public Arch sample(SplittableRandom random) {
        List<Integer> g = new ArrayList<>();
        for (int i = 0; i < GENES; i++) {
            g.add(random.nextInt(5));
        }
        return new Arch(g);
    }

    @Override
    public Arch mutate(Arch arch, SplittableRandom random) {
        List<Arch> n = neighbours(arch);
        return n.get(random.nextInt(n.size()));
    }

    @Override
    public List<Arch> neighbours(Arch arch) {
        List<Arch> out = new ArrayList<>();
        for (int i = 0; i < GENES; i++) {
            for (int v = 0; v < 5; v++) {
                if (v != arch.genes().get(i)) {
                    List<Integer> g = new ArrayList<>(arch.genes());
                    g.set(i, v);
                    out.add(new Arch(g));
                }
            }
        }
        return out;
    }

    @Override
    public int[] encode(Arch arch) {
        return arch.genes().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Arch decode(int[] code) {
        List<Integer> g = new ArrayList<>();
        for (int c : code) {
            g.add(c);
        }
        return new Arch(g);
    }

    @Override
    public int genes() {
        return GENES;
    }

    @Override
    public int upper(int g) {
        return 4;
    }

    @Override
    public Arch smallest() {
        return new Arch(List.of(0, 0, 0, 0, 0));
    }

    @Override
    public Arch largest() {
        return new Arch(List.of(4, 4, 4, 4, 4));
    }

    /** Every architecture. */
    public List<Arch> all() {
        List<Arch> out = new ArrayList<>();
        for (int n = 0; n < 3125; n++) {
            int[] code = new int[GENES];
            int k = n;
            for (int i = 0; i < GENES; i++) {
                code[i] = k % 5;
                k /= 5;
            }
            out.add(decode(code));
        }
        return out;
    }

    /** Parameters: later genes cost more. */
    public static long params(Arch a) {
        long p = 1000;
        for (int i = 0; i < GENES; i++) {
            p += (long) a.genes().get(i) * (i + 1) * 1000;
        }
        return p;
    }

    /** MACs: quadratic in each gene. */
    public static long macs(Arch a) {
        long m = 10_000;
        for (int i = 0; i < GENES; i++) {
            m += (long) a.genes().get(i) * a.genes().get(i) * 5_000;
        }
        return m;
    }

    /** Accuracy in %: diminishing returns per gene, early genes worth more, genes 1 and 3 clash when equal. */
    public static double accuracy(Arch a) {
        double acc = 40;
        for (int i = 0; i < GENES; i++) {
            acc += Math.sqrt(a.genes().get(i)) * (GENES - i) * 2.5;
        }
        return a.genes().get(1).equals(a.genes().get(3)) ? acc - 4 : acc;
    }
}
