package io.jnas.train.ofa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.jnas.data.ImageData;
import io.jnas.data.Normalization;
import io.jnas.nn.Init;
import io.jnas.nn.ofa.OfaNetwork;
import io.jnas.space.ofa.OfaSubnet;
import io.jnas.train.Evaluation;
import io.jnas.train.OrtEvaluation;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A recalibrated subnet evaluated in ONNX Runtime gives libtorch's loss and accuracy (batches of any size, last one short);
 * SubnetEvaluation takes ONNX Runtime from {@link SubnetEvaluation#ORT_FROM} validation images on.
 */
class OrtEvaluationTest {


    @ParameterizedTest
    @CsvSource({"ofa,32,1,90", "ofav2,32,2,90", "ofa,40,3,520"})
    void givesLibtorchsLossAndAccuracy(String space, int r, long seed, int n) {
        OfaNetwork.Spec spec = SupernetSpec.shape(space, 3, 10, 1.0);
        ImageData train = ImageData.noise(64, r, seed);
        ImageData val = ImageData.noise(n, r, seed + 10);
        Normalization norm = Normalization.of(train);
        ShrinkPhase last = ShrinkPhase.plan(spec).get(ShrinkPhase.plan(spec).size() - 1);
        try (NDManager m = NDManager.newBaseManager()) {
            OfaNetwork sn = OfaNetwork.supernet(new Init(m, seed), spec, r);
            OfaSubnet sub = last.sample(spec, List.of(r), new SplittableRandom(seed));
            OfaNetwork net = SubnetEvaluation.extract(sn, sub, m, train, norm, 64, 32, seed);
            Evaluation torch = Evaluation.of(net, m, val, norm, 32);
            Evaluation ort = OrtEvaluation.of(net, m, val, norm, 32);
            assertThat(ort.images()).isEqualTo(n);
            assertThat(ort.loss()).isCloseTo(torch.loss(), within(1e-4 * Math.max(1, Math.abs(torch.loss()))));
            assertThat(ort.top1()).isEqualTo(torch.top1());
            assertThat(ort.top5()).isEqualTo(torch.top5());
            assertThat(SubnetEvaluation.of(sn, sub, m, train, val, norm, 64, 32, seed)).isEqualTo(n >= SubnetEvaluation.ORT_FROM ? ort
                    : torch);
        }
    }
}
