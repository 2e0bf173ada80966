package io.jnas.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Average pooling as a constant depthwise convolution against libtorch's own average pooling, values and gradients. */
class PoolTest {

    @ParameterizedTest
    @CsvSource({"3,1,1,false,8", "3,1,1,true,8", "3,2,1,false,8", "3,2,1,false,7", "2,2,0,true,8", "3,1,1,false,5"})
    void averageMatchesLibtorchPoolingAndItsGradient(int k, int stride, int pad, boolean countPad, int size) {
        try (NDManager m = NDManager.newBaseManager()) {
            Pool pool = countPad ? Pool.avgCountPad(k, stride, pad) : Pool.avg(k, stride, pad);
            NDArray x = m.randomNormal(new Shape(3, 5, size, size));
            x.setRequiresGradient(true);
            NDArray ours;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ours = pool.forward(new Ctx(m, true, new SplittableRandom(0), null), x);
                gc.backward(ours.mul(ours).sum());
            }
            NDArray g1 = x.getGradient().duplicate();
            ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) x);
            NDArray ref;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Shape kk = new Shape(k, k);
                ref = ai.djl.nn.pooling.Pool.avgPool2d(x, kk, new Shape(stride, stride), new Shape(pad, pad), false, true);
                if (!countPad && pad > 0) {
                    NDArray ones = m.ones(new Shape(1, 1, size, size));
                    ref = ref.div(ai.djl.nn.pooling.Pool.avgPool2d(ones, kk, new Shape(stride, stride), new Shape(pad, pad), false,
                            true));
                }
                gc.backward(ref.mul(ref).sum());
            }
            assertThat(ours.getShape()).isEqualTo(ref.getShape());
            assertThat(ours.sub(ref).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(g1.sub(x.getGradient()).abs().max().getFloat()).isLessThan(1e-5f);
            // the window mean of a constant map is the constant wherever padding is not counted
            if (!countPad) {
                NDArray c = pool.forward(Ctx.eval(m), m.full(new Shape(1, 2, size, size), 2.5f));
                assertThat(c.sub(2.5f).abs().max().getFloat()).isLessThan(1e-6f);
            }
        }
    }
}
