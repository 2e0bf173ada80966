package io.jnas.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.kit.SpaceKit;
import io.jnas.nn.kit.SpaceKits;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.nn.ofa.OfaPieces;
import io.jnas.nn.onnx.OnnxGraph;
import io.jnas.run.Json;
import io.jnas.space.EncodedSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency models' arithmetic, storage and measuring options, without timing anything that matters. */
class LatencyModelTest {
    private static final OfaNetwork.Spec V2 = new OfaNetwork.Spec(3, 10, 1.0, true, true, true, 0.1);
    private static final OfaSubnet SUBNET = OfaSubnet.parse("{\"ks\":[3,5,7,3,5,7,3,5,7,3,5],\"e\":[3,4,6,3,4,6,3,4,6,3,4],"
            + "\"d\":[2,3,4,2],\"r\":40,\"w\":1.0,\"p\":[1,2,3,4,5,6,7,1,3,5,7],\"nd\":4}");
    @TempDir
    Path dir;

    private static List<OfaPieces.Piece> pieces(OfaSubnet s) {
        try (NDManager m = NDManager.newBaseManager()) {
            return OfaNetwork.of(new Init(m, 0), V2, s).pieces();
        }
    }

    @Test
    void anOfaSubnetIsItsStemBlocksDenseSumsAndExit() {
        List<OfaPieces.Piece> p = pieces(SUBNET);
        // stem, 11 blocks, dense sums (depth 3: 1 at the end; depth 4: 1 before block 4 + 1 at the end), the exit of stage 4
        assertThat(p).hasSize(1 + 11 + 3 + 1);
        assertThat(p.get(0).key()).isEqualTo("stem 3x40x40 w1.0");
        assertThat(p.get(p.size() - 1).key()).startsWith("head s4 ");
        assertThat(p).filteredOn(x -> x.key().startsWith("sum ")).extracting(OfaPieces.Piece::key)
                .containsExactly("sum n2 40x5x5", "sum n2 80x3x3", "sum n3 80x3x3");
        // kernel and expand name MBConv blocks only; a 1x1 / transform block has neither
        assertThat(p.get(2).key()).isEqualTo("block s1 24x10x10 k0 e0 p2 /1 >24");
        assertThat(p.get(1).key()).isEqualTo("block s1 16x20x20 k3 e3 p1 /2 >24");
    }

    @Test
    void theLookUpTableSumsItsPiecesAndAppliesTheCalibration() throws Exception {
        MeasureOptions o = MeasureOptions.defaults();
        Device device = Device.here(o);
        Path file = dir.resolve("ofa-3ch-10cls-w1.0-p-dense-exits.json");
        LatencyTable t = LatencyTable.open(file, device, "ofa lut: " + V2, line -> { });
        double sum = 0;
        SplittableRandom r = new SplittableRandom(5);
        for (OfaPieces.Piece p : pieces(SUBNET)) {
            double v = t.get(p.key()) != null ? t.get(p.key()) : 0.01 + r.nextDouble();
            t.put(p.key(), v);
            sum += v; // a piece met twice counts twice
        }
        int stored = t.size();
        try (OfaLatency lat = OfaLatency.open(V2, o, dir, line -> { })) {
            assertThat(lat.sum(SUBNET)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(lat.calibrated()).isFalse();
            assertThat(lat.predictMs(SUBNET)).isEqualTo(lat.sum(SUBNET));
            assertThat(lat.table().size()).as("nothing measured: every piece was stored").isEqualTo(stored);
        }
        t.put(OfaLatency.CAL_A, Math.log(0.5));
        t.put(OfaLatency.CAL_B, 1.25);
        try (OfaLatency lat = OfaLatency.open(V2, o, dir, line -> { })) {
            assertThat(lat.calibrated()).isTrue();
            assertThat(lat.predictMs(SUBNET)).isCloseTo(0.5 * Math.pow(sum, 1.25), org.assertj.core.data.Offset.offset(1e-9));
        }
        t.put(OfaLatency.CAL_EXIT + (SUBNET.nd() - 1), 5.0); // another exit's term does not apply
        t.put(OfaLatency.CAL_EXIT + SUBNET.nd(), 0.2);
        try (OfaLatency lat = OfaLatency.open(V2, o, dir, line -> { })) {
            assertThat(lat.predictMs(SUBNET)).as("the subnet's exit term multiplies by e^0.2")
                    .isCloseTo(0.5 * Math.exp(0.2) * Math.pow(sum, 1.25), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void theCalibrationFitsAPowerLawAndATermPerExitWithEnoughSubnets() {
        SplittableRandom r = new SplittableRandom(3);
        int[] nd = new int[40];
        double[] sum = new double[40];
        double[] whole = new double[40];
        Map<Integer, Double> term = Map.of(1, 0.0, 2, -0.12, 3, 0.28, 4, 0.33, 5, 0.0);
        for (int i = 0; i < nd.length; i++) {
            nd[i] = i < 38 ? 1 + i % 4 : 5; // exit 5 twice only: too few for a term of its own
            sum[i] = 0.05 + r.nextDouble();
            whole[i] = Math.exp(0.75 + term.get(nd[i]) + 1.39 * Math.log(sum[i]) + 0.01 * (r.nextDouble() - 0.5));
        }
        OfaCalibration c = OfaCalibration.fit(nd, sum, whole);
        org.assertj.core.data.Offset<Double> near = org.assertj.core.data.Offset.offset(0.02);
        assertThat(c.b()).isCloseTo(1.39, near);
        assertThat(c.exits()).as("the shallowest exit is the reference; exit 5 has two subnets").containsOnlyKeys(2, 3, 4);
        assertThat(c.exits().get(2)).isCloseTo(-0.12, near);
        assertThat(c.exits().get(3)).isCloseTo(0.28, near);
        assertThat(c.exits().get(4)).isCloseTo(0.33, near);
        assertThat(c.a()).as("exit 5 shares the reference's a").isCloseTo(0.75, near);
        OfaCalibration plain = OfaCalibration.fit(new int[] {0, 0, 0, 0}, new double[] {1, 2, 4, 8},
                new double[] {0.5, 1.0, 2.0, 4.0});
        assertThat(plain.exits()).as("a super-network without exits").isEmpty();
        assertThat(plain.a()).isCloseTo(Math.log(0.5), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(plain.b()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTableOfAnotherDeviceOrSpaceIsSetAsideNotUsed() throws Exception {
        MeasureOptions o = MeasureOptions.defaults();
        Device here = Device.here(o);
        Path file = dir.resolve("t.json");
        LatencyTable.open(file, here, "space A", line -> { }).put("x", 1.5);
        assertThat(LatencyTable.open(file, here, "space A", line -> { }).get("x")).isEqualTo(1.5);
        // the same file claiming another device (another CPU): rebuilt, the old one kept aside
        Map<String, Object> stored = Json.MAPPER.readValue(file.toFile(), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> dev = (Map<String, Object>) stored.get("device");
        dev.put("fingerprint", "0123456789abcdef");
        Json.MAPPER.writeValue(file.toFile(), stored);
        List<String> log = new ArrayList<>();
        LatencyTable t = LatencyTable.open(file, here, "space A", log::add);
        assertThat(t.size()).isZero();
        assertThat(log).singleElement().asString().contains("another device").contains(here.fingerprint());
        assertThat(dir.resolve("t.json.stale")).exists();
        // another space under the same name
        t.put("y", 2.0);
        assertThat(LatencyTable.open(file, here, "space B", log::add).get("y")).isNull();
        assertThat(log.get(1)).contains("another space");
        // the fingerprint follows what was measured
        assertThat(Device.here(o.with("ort", 8, 1)).fingerprint()).isNotEqualTo(here.fingerprint());
        assertThat(Device.here(o.with("ort", 1, 2)).fingerprint()).isNotEqualTo(here.fingerprint());
    }

    @Test
    void theCellTableIsTheLeastSquaresFitOfStoredCells() throws Exception {
        SpaceKit<Object> kit = SpaceKits.get("nb201");
        EncodedSpace<Object> space = (EncodedSpace<Object>) kit.space();
        MeasureOptions o = MeasureOptions.defaults();
        // synthetic measurements from a known per-edge table: the fit must recover it exactly
        double[][] perEdge = new double[space.genes()][];
        SplittableRandom r = new SplittableRandom(3);
        for (int g = 0; g < perEdge.length; g++) {
            perEdge[g] = new double[space.upper(g) + 1];
            for (int v = 1; v < perEdge[g].length; v++) {
                perEdge[g][v] = r.nextDouble();
            }
        }
        java.util.function.ToDoubleFunction<Object> truth = a -> {
            int[] c = space.encode(a);
            double y = 0.7;
            for (int g = 0; g < c.length; g++) {
                y += perEdge[g][c[g]];
            }
            return y;
        };
        CellLatency<Object> empty = CellLatency.open(kit, 3, 10, 32, o, dir, line -> { });
        List<Object> cells = empty.sample(40, LatencyModels.BUILD_SEED, java.util.Set.of());
        assertThatThrownBy(() -> empty.build(10, 0, (a, b) -> { })).hasMessageContaining("at least 30");
        empty.close();
        Path file;
        try (CellLatency<Object> m = CellLatency.open(kit, 3, 10, 32, o, dir, line -> { })) {
            file = m.file();
        }
        LatencyTable t = LatencyTable.open(file, Device.here(o), "cells of nb201 " + kit.defaultShape() + " input 3x32x32 classes 10",
                line -> { });
        for (Object c : cells) {
            t.put("cell " + space.format(c), truth.applyAsDouble(c));
        }
        try (CellLatency<Object> m = CellLatency.open(kit, 3, 10, 32, o, dir, line -> { })) {
            assertThat(m.fitted()).isTrue();
            m.build(40, LatencyModels.BUILD_SEED, (a, b) -> { }); // all stored: nothing is measured
            assertThat(m.measured()).isEqualTo(40);
            for (Object a : m.sample(20, 77, new java.util.HashSet<>(cells))) {
                assertThat(m.predictMs(a)).isCloseTo(truth.applyAsDouble(a), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    /**
     * DARTS has a model too: its features count each operation in the normal cell and in the reduction cell, the latter
     * apart for edges that read the cell's inputs (stride 2) and edges that read intermediate nodes, and the fit on stored
     * cells recovers a synthetic table of that kind exactly.
     */
    @Test
    void theDartsTableIsPerOperationAndCellKind() throws Exception {
        SpaceKit<Object> kit = SpaceKits.get("darts");
        io.jnas.space.darts.Genotype v2 = io.jnas.space.darts.Genotype.DARTS_V2;
        double[] f = ((io.jnas.space.SearchSpace<io.jnas.space.darts.Genotype>) (Object) kit.space()).latencyFeatures(v2);
        // DARTS_V2: normal 2 skip_connect, 5 sep_conv_3x3, 1 dil_conv_3x3; reduce 5 max_pool_3x3 on the cell's inputs
        // (stride 2), 3 skip_connect on intermediate nodes (stride 1)
        assertThat(f).containsExactly(0, 0, 2, 5, 0, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0);
        double[] cost = new double[f.length];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < cost.length; i++) {
            cost[i] = r.nextDouble();
        }
        java.util.function.ToDoubleFunction<Object> truth = a -> {
            double[] x = kit.space().latencyFeatures(a);
            double y = 1.3;
            for (int i = 0; i < x.length; i++) {
                y += cost[i] * x[i];
            }
            return y;
        };
        List<Object> cells = storeSynthetic(kit, 40, truth);
        try (CellLatency<Object> m = CellLatency.open(kit, 3, 10, 32, MeasureOptions.defaults(), dir, line -> { })) {
            assertThat(m.fitted()).isTrue();
            for (Object a : m.sample(20, 77, new java.util.HashSet<>(cells))) {
                assertThat(m.predictMs(a)).isCloseTo(truth.applyAsDouble(a), org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    /** A fit that extrapolates below zero (few cells, steep entries) still predicts a positive latency: half the fastest cell's. */
    @Test
    void aCellPredictionIsNeverBelowHalfTheFastestStoredCell() throws Exception {
        SpaceKit<Object> kit = SpaceKits.get("nb201");
        EncodedSpace<Object> space = (EncodedSpace<Object>) kit.space();
        // truth: 1 ms plus 1 ms per edge whose operation is not the reference, minus 0.9 ms for every edge of value 1
        java.util.function.ToDoubleFunction<Object> truth = a -> {
            double y = 1;
            for (int c : space.encode(a)) {
                y += c == 0 ? 0 : c == 1 ? -0.9 : 1;
            }
            return y;
        };
        List<Object> stored = storeSynthetic(kit, 30, truth);
        double fastest = stored.stream().mapToDouble(truth).min().orElseThrow();
        Object allOnes = space.decode(java.util.stream.IntStream.range(0, space.genes()).map(g -> 1).toArray());
        assertThat(truth.applyAsDouble(allOnes)).as("the fit's value for this cell").isNegative();
        try (CellLatency<Object> m = CellLatency.open(kit, 3, 10, 32, MeasureOptions.defaults(), dir, line -> { })) {
            assertThat(m.fitted()).isTrue();
            assertThat(m.predictMs(allOnes)).isEqualTo(fastest / 2);
        }
    }

    /**
     * Stores {@code truth}'s times for {@code n} seeded cells of {@code kit}'s (still unfitted) model in the test's folder,
     * positive ones only as measurements are; the cells stored.
     */
    private List<Object> storeSynthetic(SpaceKit<Object> kit, int n, java.util.function.ToDoubleFunction<Object> truth)
            throws Exception {
        MeasureOptions o = MeasureOptions.defaults();
        Path file;
        List<Object> cells;
        try (CellLatency<Object> m = CellLatency.open(kit, 3, 10, 32, o, dir, line -> { })) {
            file = m.file();
            cells = m.sample(n, LatencyModels.BUILD_SEED, java.util.Set.of());
            assertThat(m.fitted()).isFalse();
        }
        LatencyTable t = LatencyTable.open(file, Device.here(o), "cells of " + kit.name() + " " + kit.defaultShape()
                + " input 3x32x32 classes 10", line -> { });
        List<Object> stored = new ArrayList<>();
        for (Object c : cells) {
            if (truth.applyAsDouble(c) > 0) {
                t.put("cell " + kit.space().format(c), truth.applyAsDouble(c));
                stored.add(c);
            }
        }
        return stored;
    }

    /** Spread measurements: one pass over every architecture after another, each keeping its fastest. */
    @Test
    void spreadMeasurementsArePassesOverAllKeepingTheFastest() {
        List<String> order = new ArrayList<>();
        double[][] script = {{3, 2, 5}, {1, 4, 4}}; // per architecture, its measurement in passes 1..3
        Latency<Integer> fake = new Latency<>() {
            private final int[] calls = new int[2];

            @Override
            public Measurement measure(Integer a, int sessions) {
                assertThat(sessions).as("one session per pass").isEqualTo(1);
                order.add("a" + a);
                long ns = (long) (script[a][calls[a]++] * 1e6);
                return Measurement.of(new long[] {ns, ns, ns});
            }

            @Override
            public double predictMs(Integer a) {
                return 0;
            }

            @Override
            public LatencyTable table() {
                return null;
            }

            @Override
            public void close() {
            }
        };
        int[] steps = {0};
        assertThat(fake.measureSpread(List.of(0, 1), 3, () -> steps[0]++)).containsExactly(2.0, 1.0);
        assertThat(order).containsExactly("a0", "a1", "a0", "a1", "a0", "a1");
        assertThat(steps[0]).isEqualTo(6);
    }

    /** Passes beyond the first go on until the span has passed (a short list is not measured inside one slow spell). */
    @Test
    void shortSpreadMeasurementsGoOnUntilTheirSpanHasPassed() {
        int[] calls = {0};
        int[] steps = {0};
        long t0 = System.nanoTime();
        double[] best = Latency.spread(2, 3, 0.2, i -> {
            calls[0]++;
            sleepMs(5);
            return i == 0 ? 10 - calls[0] * 0.1 : 7; // item 0 gets faster pass after pass: later passes count
        }, () -> steps[0]++);
        assertThat((System.nanoTime() - t0) / 1e9).isGreaterThanOrEqualTo(0.2);
        int passes = calls[0] / 2;
        assertThat(passes).as("more than the 3 passes asked, fewer than the cap").isGreaterThan(3).isLessThan(Latency.MAX_PASSES);
        assertThat(best[0]).isCloseTo(10 - (calls[0] - 1) * 0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(best[1]).isEqualTo(7);
        assertThat(steps[0]).as("progress counts the passes asked").isEqualTo(6);
        calls[0] = 0;
        Latency.spread(1, 2, 3600, i -> ++calls[0], () -> { });
        assertThat(calls[0]).as("capped").isEqualTo(Latency.MAX_PASSES);
        calls[0] = 0;
        Latency.spread(3, 2, 0, i -> ++calls[0], () -> { });
        assertThat(calls[0]).as("no span: exactly the passes asked").isEqualTo(6);
        assertThatThrownBy(() -> new MeasureOptions("ort", 1, 1, 1, 5, -1, "min")).hasMessageContaining("--spread");
    }

    /** A session's latency is its fastest call by default, its median when asked; a typo is refused. */
    @Test
    void theStatisticChoosesTheFastestCallOrTheMedian() {
        Measurement m = new Measurement(2.0, 1.5, 2.5, 1.0, 5);
        assertThat(MeasureOptions.defaults().statistic()).isEqualTo("min");
        assertThat(MeasureOptions.defaults().value(m)).isEqualTo(1.0);
        assertThat(new MeasureOptions("ort", 1, 1, 1, 5, 0, "median").value(m)).isEqualTo(2.0);
        assertThat(MeasureOptions.defaults().with("jnas", 2, 2).statistic()).as("kept by with").isEqualTo("min");
        assertThatThrownBy(() -> new MeasureOptions("ort", 1, 1, 1, 5, 0, "mean")).hasMessageContaining("--statistic");
        assertThat(Device.here(MeasureOptions.defaults()).fingerprint()).as("models of another statistic are other models")
                .isNotEqualTo(Device.here(new MeasureOptions("ort", 1, 1, 10, 50, 15, "median")).fingerprint());
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theMeterHonoursBatchWarmUpRepeatsAndThreads() {
        int[] calls = {0};
        long[] batchSeen = {0};
        LatencyMeter.Timeable t = new LatencyMeter.Timeable() {
            @Override
            public NDArray forward(Ctx ctx, NDArray x) {
                calls[0]++;
                batchSeen[0] = x.getShape().get(0);
                return x.add(x);
            }

            @Override
            public String onnx(OnnxGraph g, String x) {
                batchSeen[0] = g.shape(x).get(0);
                return io.jnas.nn.onnx.OnnxOps.sum(g, List.of(x, x));
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
            Measurement j = new LatencyMeter(new MeasureOptions("jnas", 3, 1, 4, 7)).measure(t, new Shape(2, 5, 5), m);
            assertThat(calls[0]).isEqualTo(LatencyMeter.SESSIONS * (4 + 7));
            assertThat(batchSeen[0]).isEqualTo(3);
            assertThat(j.repeats()).isEqualTo(7);
            assertThat(j.p25Ms()).isLessThanOrEqualTo(j.medianMs()).isGreaterThanOrEqualTo(j.minMs());
            assertThat(ai.djl.pytorch.jni.JniUtils.getNumThreads()).as("threads restored").isEqualTo(before);
            Measurement x = new LatencyMeter(new MeasureOptions("ort", 5, 1, 2, 9)).measure(t, new Shape(2, 5, 5), m);
            assertThat(batchSeen[0]).isEqualTo(5);
            assertThat(x.repeats()).isEqualTo(9);
            assertThat(x.medianMs()).isPositive();
        }
        assertThatThrownBy(() -> new MeasureOptions("tflite", 1, 1, 1, 5)).hasMessageContaining("ort or jnas");
        assertThatThrownBy(() -> new MeasureOptions("ort", 0, 1, 1, 5)).hasMessageContaining("--batch >= 1");
    }

    @Test
    void measurementsAreMediansAndQuartiles() {
        Measurement m = Measurement.of(new long[] {5_000_000, 1_000_000, 3_000_000, 2_000_000, 4_000_000});
        assertThat(m.medianMs()).isEqualTo(3.0);
        assertThat(m.p25Ms()).isEqualTo(2.0);
        assertThat(m.p75Ms()).isEqualTo(4.0);
        assertThat(m.minMs()).isEqualTo(1.0);
        Validation v = Validation.of(new double[] {1, 2, 3, 4}, new double[] {1, 2, 4, 5});
        assertThat(v.spearman()).isEqualTo(1.0);
        assertThat(v.mape()).isCloseTo(100 * (0.25 + 0.2) / 4, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(Files.exists(dir)).isTrue();
    }
}
