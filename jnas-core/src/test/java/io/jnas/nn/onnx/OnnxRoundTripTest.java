package io.jnas.nn.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.jnas.nn.Ctx;
import io.jnas.nn.DartsNetwork;
import io.jnas.nn.Init;
import io.jnas.nn.Nb201Network;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.Param;
import io.jnas.nn.SimpleCnn;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.darts.Genotype;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.ofa.OfaSpace;
import io.jnas.space.ofa.OfaSubnet;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every network family exported to ONNX and run in ONNX Runtime gives jnas's own inference logits (within 1e-4 per
 * logit) and the same top-1 on every image: batch 1 and a larger batch, odd input sizes, reduction and stride-2 cells.
 */
class OnnxRoundTripTest {
    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** Random BN statistics and affine parameters, so that inference-mode BN is not the identity. */
    private static void randomiseNorms(Network net, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        try (NoGrad ng = new NoGrad()) {
            for (Param p : net.parameters()) {
                float[] v = p.array().toFloatArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = switch (p.kind()) {
                        case BN_MEAN, BN_BETA -> (float) (r.nextDouble() - 0.5);
                        case BN_VAR, BN_GAMMA -> (float) (0.5 + r.nextDouble());
                        default -> v[i];
                    };
                }
                p.array().set(v);
            }
        }
    }

    /** Exports {@code net} for inputs of c×h×w, runs batches of 1 and {@code n} in ONNX Runtime and compares. */
    private void roundTrip(String what, Network net, int c, int h, int w, int n) throws Exception {
        byte[] model;
        try (NoGrad ng = new NoGrad(); NDManager sm = m.newSubManager()) {
            OnnxGraph g = new OnnxGraph("image", new Init(sm, 5).normal(new Shape(1, c, h, w), 1));
            String out = net.onnx(g, "image");
            model = g.model(out, 17, Map.of("jnas.architecture", what), "test").toByteArray();
        }
        checkWithOnnx(what, model);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(2);
            try (OrtSession s = env.createSession(model, o)) {
                for (int batch : new int[] {1, n}) {
                    try (NDManager sm = m.newSubManager(); NoGrad ng = new NoGrad()) {
                        NDArray x = new Init(sm, 11 + batch).normal(new Shape(batch, c, h, w), 1);
                        float[][] ours = rows(net.forward(Ctx.eval(sm), x).toFloatArray(), batch);
                        float[][] theirs;
                        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()),
                                new long[] {batch, c, h, w}); OrtSession.Result r = s.run(Map.of("image", t))) {
                            theirs = (float[][]) r.get(0).getValue();
                        }
                        for (int i = 0; i < batch; i++) {
                            assertThat(theirs[i]).as(what + " image " + i + " of " + batch).hasSameSizeAs(ours[i]);
                            for (int k = 0; k < ours[i].length; k++) {
                                assertThat((double) theirs[i][k]).as(what + " image " + i + " logit " + k)
                                        .isCloseTo(ours[i][k], org.assertj.core.data.Offset.offset(1e-4));
                            }
                            assertThat(argmax(theirs[i])).as(what + " top-1 of image " + i).isEqualTo(argmax(ours[i]));
                        }
                    }
                }
            }
        }
    }

    /** Debian's python3-onnx, when installed (.ci/run installs it): ONNX's checker with full shape inference. */
    private static final boolean ONNX_CHECKER = probe();

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    private static void checkWithOnnx(String what, byte[] model) throws Exception {
        if (!ONNX_CHECKER) {
            System.err.println("OnnxRoundTripTest: ONNX's checker skipped (install Debian's python3-onnx)");
            return;
        }
        java.nio.file.Path f = java.nio.file.Files.createTempFile("jnas", ".onnx");
        try {
            java.nio.file.Files.write(f, model);
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx, sys\n"
                    + "m = onnx.load(sys.argv[1])\n"
                    + "onnx.checker.check_model(m, full_check=True)\n"
                    + "onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)\n", f.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(what + ": ONNX checker says\n" + out).isZero();
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    private static float[][] rows(float[] flat, int n) {
        int k = flat.length / n;
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * k, out[i], 0, k);
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }

    @Test
    void simpleCnnAtAnOddSize() throws Exception {
        Network net = new SimpleCnn(new Init(m, 1), 3, 10, 8, 3);
        randomiseNorms(net, 1);
        roundTrip("cnn", net, 3, 17, 19, 5);
    }

    @Test
    void nb201CellsWithEveryOperationAndZeroNodes() throws Exception {
        for (String cell : List.of("|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|",
                "|none~0|+|none~0|none~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_1x1~2|")) {
            Network net = new Nb201Network(new Init(m, 2), Nb201Cell.parse(cell), 1, 7, 8, 2);
            randomiseNorms(net, 2);
            roundTrip(cell, net, 1, 28, 28, 4);
        }
    }

    @Test
    void dartsGenotypeWithReductionCellsAndWithoutItsAuxiliaryHead() throws Exception {
        Network net = new DartsNetwork(new Init(m, 3), Genotype.DARTS_V2, 3, 10, 4, 5, true);
        randomiseNorms(net, 3);
        roundTrip("DARTS_V2 at 32 px", net, 3, 32, 32, 3);
        roundTrip("DARTS_V2 at 28 px", net, 3, 28, 28, 2);
    }

    @Test
    void ofaAndOfav2SubnetsWithParallelBranchesDenseSkipsAndAnExit() throws Exception {
        for (boolean v2 : new boolean[] {false, true}) {
            OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 10, 1.0, v2, v2, v2, 0);
            OfaNetwork sup = OfaNetwork.supernet(new Init(m, 4), spec, 40);
            randomiseNorms(sup, 4);
            OfaSpace space = new OfaSpace(List.of(32, 40), List.of(1.0), v2, v2);
            SplittableRandom r = new SplittableRandom(v2 ? 6 : 5);
            for (int i = 0; i < 3; i++) {
                OfaSubnet s = space.sample(r);
                OfaNetwork sub = sup.extract(new Init(m, 9), s);
                // inputs at 32 px: a 40 px subnet resizes them inside the graph
                roundTrip(s.toString(), sub, 3, 32, 32, 3);
            }
        }
    }
}
