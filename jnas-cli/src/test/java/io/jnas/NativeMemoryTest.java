package io.jnas;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.jnas.data.Fixtures;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.estimate.MoteConfig;
import io.jnas.estimate.MoteEstimator;
import io.jnas.nn.Init;
import io.jnas.nn.ReducedNetwork;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Space;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.train.ofa.SubnetEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over a long search: 1,000 MOTE estimates and 1,000 NAT subnet evaluations, each in a child
 * JVM whose heap is fixed and resident from the start (-Xms = -Xmx, AlwaysPreTouch), so that growth of the resident set is native growth (libtorch tensors, DJL
 * handles). Measured after a warm-up (100 estimates, 300 evaluations) and at the end; the bound is far below what one
 * leaked tensor per estimate adds up to.
 */
class NativeMemoryTest {
    private static final long BOUND_MB = 64;

    /** Resident set size in MB (Linux /proc), after a GC. */
    static long rssMb() throws Exception {
        System.gc();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** The probe run by the child JVM: prints "rss BEFORE AFTER live BEFORE AFTER". */
    public static void main(String[] args) throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        if (args[0].equals("mote")) {
            ImageData rd = Fixtures.stripes(32, 8, 1);
            MoteEstimator<Nb201Cell> est = new MoteEstimator<>(new MoteConfig(1, 1, 16, 1e-3, 0.01, 4, "macs", "train", 3), rd, rd,
                    (init, c) -> ReducedNetwork.nb201(init, c, 3, 2, 4), Nb201Cell::toString);
            Nb201Space space = new Nb201Space();
            for (int i = 0; i < 100; i++) {
                est.estimate(space.sample(r));
            }
            long before = rssMb();
            for (int i = 0; i < 1000; i++) {
                if (!Double.isFinite(est.estimate(space.sample(r)).value())) {
                    throw new IllegalStateException("non-finite estimate");
                }
            }
            System.out.println("rss " + before + " " + rssMb() + " live 0 0");
            return;
        }
        ImageData train = Fixtures.stripes(16, 8, 2);
        ImageData val = Fixtures.stripes(8, 8, 3);
        Normalization norm = Normalization.of(train);
        OfaSpace space = new OfaSpace(List.of(32), List.of(1.0), true, true);
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork sup = OfaNetwork.supernet(new Init(m, 0), new OfaNetwork.Spec(3, 2, 1.0, true, true, true, 0), 32);
            // the resident set rises over the first ~250 evaluations (allocator pools for new shapes), then stays
            // within about 50 MB up to 3,000 (measured); the bound is checked after that warm-up
            for (int i = 0; i < 300; i++) {
                SubnetEvaluation.of(sup, space.sample(r), m, train, val, norm, 16, 16, i);
            }
            int live = m.getManagedArrays().size();
            long before = rssMb();
            int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
            for (int i = 0; i < n; i++) {
                SubnetEvaluation.of(sup, space.sample(r), m, train, val, norm, 16, 16, i);
                if (args.length > 2 && i % 250 == 249) {
                    System.out.println("after " + (i + 1) + ": " + rssMb() + " MB");
                }
            }
            System.out.println("rss " + before + " " + rssMb() + " live " + live + " " + m.getManagedArrays().size());
        }
    }

    /** The two probes, started together (one libtorch thread each, so that they share the 2 cores without spinning). */
    private static final java.util.Map<String, java.util.concurrent.CompletableFuture<long[]>> PROBES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static synchronized void startProbes() {
        for (String what : List.of("mote", "nat")) {
            PROBES.computeIfAbsent(what, w -> java.util.concurrent.CompletableFuture.supplyAsync(() -> probe(w)));
        }
    }

    private static long[] probe(String what) {
        try {
            Process p = io.jnas.cli.ChildJnas.java(List.of("-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch",
                    "-Dai.djl.pytorch.num_threads=1"), NativeMemoryTest.class.getName(), what).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new AssertionError("the " + what + " probe failed:\n" + out);
            }
            String line = out.lines().filter(l -> l.startsWith("rss ")).findFirst().orElseThrow(() -> new AssertionError(out));
            String[] f = line.split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[4]), Long.parseLong(f[5])};
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static long[] run(String what) throws Exception {
        startProbes();
        return PROBES.get(what).get(10, TimeUnit.MINUTES);
    }

    @Test
    void thousandMoteEstimates() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "skipped: needs Linux /proc");
        long[] m = run("mote");
        assertThat(m[1] - m[0]).as("resident MB grown over 1,000 MOTE estimates (" + m[0] + " -> " + m[1] + ")")
                .isLessThan(BOUND_MB);
    }

    @Test
    void thousandNatSubnetEvaluations() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "skipped: needs Linux /proc");
        long[] m = run("nat");
        assertThat(m[3]).as("arrays on the super-network's manager").isEqualTo(m[2]);
        assertThat(m[1] - m[0]).as("resident MB grown over 1,000 subnet evaluations (" + m[0] + " -> " + m[1] + ")")
                .isLessThan(BOUND_MB);
    }
}
