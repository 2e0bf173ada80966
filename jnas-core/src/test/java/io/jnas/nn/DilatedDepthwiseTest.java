package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phase form (stride 2; stride 1 from 32×32) and libtorch's dilated kernel give the same outputs and gradients. */
class DilatedDepthwiseTest {

    @ParameterizedTest
    @CsvSource({"3,1,32", "5,1,32", "3,1,8", "3,2,8", "5,2,8", "3,1,7", "5,2,7"})
    void matchesLibtorchDilatedConvolutionAndItsGradients(int k, int stride, int size) {
        try (NDManager m = NDManager.newBaseManager()) {
            DilatedDepthwise dd = new DilatedDepthwise(new Init(m, 4), 3, k, stride);
            NDArray w = dd.parameters().get(0).array();
            NDArray x = m.randomNormal(new Shape(2, 3, size, size));
            x.setRequiresGradient(true);
            NDArray ours;
            NDArray gx1;
            NDArray gw1;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ours = dd.forward(new Ctx(m, true, new SplittableRandom(0), null), x);
                gc.backward(ours.mul(ours).sum());
            }
            gx1 = x.getGradient().duplicate();
            gw1 = w.getGradient().duplicate();
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) x);
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) w);
            NDArray ref;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ref = Conv2d.conv2d(x, w, null, new Shape(stride, stride), new Shape(k - 1, k - 1), new Shape(2, 2), 3)
                        .singletonOrThrow();
                gc.backward(ref.mul(ref).sum());
            }
            assertThat(ours.getShape()).isEqualTo(ref.getShape());
            assertThat(ours.sub(ref).abs().max().getFloat()).isLessThan(1e-4f);
            assertThat(gx1.sub(x.getGradient()).abs().max().getFloat()).isLessThan(1e-3f);
            assertThat(gw1.sub(w.getGradient()).abs().max().getFloat()).isLessThan(1e-3f);
        }
    }
}
