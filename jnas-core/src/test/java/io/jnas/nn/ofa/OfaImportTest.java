package io.jnas.nn.ofa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import io.jnas.nn.Ctx;
import io.jnas.nn.Init;
import io.jnas.nn.NoGrad;
import io.jnas.run.Json;
import io.jnas.run.TorchCheckpoint;
import io.jnas.space.ofa.OfaSubnet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactness of the import of OFA's MobileNetV3 super-network against the original once-for-all code: the fixtures in
 * ../shared/fixtures/ofa-mbv3 hold a seeded random super-network saved by that code in both torch.save formats, and
 * that code's eval-mode logits for 12 subnets. jnas's logits must agree within 1e-5 × the case's largest |logit|, with
 * the subnet active in the super-network and as an extracted network. Where a case misses that tolerance, the test
 * measures both codes against float64 arithmetic (jnas in float64): it accepts the case only when the original's own
 * float32 result is further from float64 than the tolerance and jnas's float32 result is of the same order: at most 1.5
 * times the original's. Both are float32 round-off whose size depends on the kernels' summation order: on the AMD EPYC
 * Zen 3 (AVX2) machine, with libtorch's native kernels, the largest case reads 3.21 tolerances for jnas against 3.13 for
 * the original (computed on the machine that made the fixtures); a wrong import misses by orders of magnitude.
 */
@Tag("shared")
class OfaImportTest {
    static final Path FIXTURES = Path.of("..", "shared", "fixtures", "ofa-mbv3");

    @ParameterizedTest
    @ValueSource(strings = {"ofa_mbv3_d234_e346_k357_w1.0.random.pth", "ofa_mbv3_d234_e346_k357_w1.0.random.legacy.pth"})
    void logitsMatchTheOriginalCodeForEveryCase(String file) throws Exception {
        Path pth = FIXTURES.resolve(file);
        assumeTrue(Files.exists(pth), "skipped: " + pth + " is absent (only on jnas developer machines)");
        Map<String, TorchCheckpoint.Tensor> sd = TorchCheckpoint.read(pth);
        assertThat(OfaImport.width(sd)).isEqualTo(1.0);
        assertThat(OfaImport.classes(sd)).isEqualTo(1000);
        JsonNode cases = Json.MAPPER.readTree(FIXTURES.resolve("cases.json").toFile()).get("cases");
        assertThat(cases).hasSize(12);
        try (NDManager m = NDManager.newBaseManager(); NoGrad ng = new NoGrad()) {
            OfaNetwork.Spec spec = new OfaNetwork.Spec(3, 1000, 1.0, false, false, false, 0.1);
            OfaNetwork net = OfaNetwork.supernet(new Init(m, 0), spec, 224);
            OfaImport.load(sd, net, true);
            OfaNetwork exact = null;
            Map<String, String> report = new java.util.LinkedHashMap<>();
            for (JsonNode c : cases) {
                try (NDManager cm = m.newSubManager()) {
                    OfaSubnet s = subnet(c);
                    NDArray x = cm.create(floats(c.get("input").asText()), shape(c.get("input_shape")));
                    float[] want = floats(c.get("logits").asText());
                    double tol = 1e-5 * c.get("logits_abs_max").asDouble();
                    double[] active = doubles(net.activate(s).forward(Ctx.eval(cm), x));
                    double[] extracted = doubles(net.extract(new Init(cm, 0), s).forward(Ctx.eval(cm), x));
                    double r = Math.max(diff(active, want), diff(extracted, want)) / tol;
                    String name = c.get("name").asText();
                    report.put(name, String.format("%.3f", r));
                    if (r > 1) {
                        // the tolerance is below float32 round-off on this case? measure both codes against float64
                        if (exact == null) {
                            exact = OfaNetwork.supernet(new Init(m, 0).float64(), spec, 224);
                            OfaImport.load(sd, exact, true);
                        }
                        double[] truth = doubles(exact.activate(s).forward(Ctx.eval(cm), x.toType(DataType.FLOAT64, false)));
                        double original = diff(truth, want) / tol;
                        double jnas = Math.max(diff(truth, active), diff(truth, extracted)) / tol;
                        report.put(name, String.format("%.3f (float64: original %.3f, jnas %.3f)", r, original, jnas));
                        assertThat(original).as(name + ": the original's own float32 error, in tolerances").isGreaterThan(1);
                        assertThat(jnas).as(name + ": jnas's float32 error, in tolerances").isLessThanOrEqualTo(1.5 * original);
                    }
                }
            }
            System.out.println("largest |jnas - original| logit difference / (1e-5 x largest |logit|), per case: " + report);
        }
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static double diff(double[] got, float[] want) {
        double[] w = new double[want.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = want[i];
        }
        return diff(got, w);
    }

    private static double diff(double[] got, double[] want) {
        assertThat(got).hasSameSizeAs(want);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]));
        }
        return worst;
    }

    /** The case's subnet: OFA lists 4 kernel / expand slots per stage, used or not; jnas lists the active blocks. */
    static OfaSubnet subnet(JsonNode c) {
        List<Integer> ks = new ArrayList<>();
        List<Integer> e = new ArrayList<>();
        List<Integer> d = new ArrayList<>();
        for (int st = 0; st < OfaSubnet.STAGES; st++) {
            int depth = c.get("d").get(st).asInt();
            d.add(depth);
            for (int j = 0; j < depth; j++) {
                ks.add(c.get("ks").get(4 * st + j).asInt());
                e.add(c.get("e").get(4 * st + j).asInt());
            }
        }
        return new OfaSubnet(ks, e, d, c.get("resolution").asInt(), 1.0, List.of(), 0);
    }

    static float[] floats(String name) throws Exception {
        byte[] b = Files.readAllBytes(FIXTURES.resolve(name));
        float[] f = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
        return f;
    }

    static Shape shape(JsonNode s) {
        long[] d = new long[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.get(i).asLong();
        }
        return new Shape(d);
    }
}
