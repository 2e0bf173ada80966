package io.jnas.latency;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.jnas.nn.Ctx;
import io.jnas.nn.Network;
import io.jnas.nn.NoGrad;
import io.jnas.nn.onnx.OnnxGraph;
import io.jnas.run.Versions;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times a network, or a piece of one, the way a deployment runs it. With ONNX Runtime the piece is exported as jnas
 * export writes it (opset 17, inference form), loaded into a session with the given intra-op threads, one inter-op
 * thread, sequential execution and every graph optimisation; with jnas the piece runs in libtorch without autograd
 * at the given threads. The input is one fixed tensor of the batch (values drawn from seed 0), created before the
 * clock starts; {@code warmup} calls run untimed, then each of {@code repeats} calls is timed on its own (call and
 * output included, session creation and input excluded). This runs in three fresh sessions (ort) or rounds (jnas):
 * on a shared or virtual machine one session can settle in a slower state for its whole life (we saw 0.28 against
 * 0.41 ms for one subnet), so the session kept is the fastest by the options' statistic (its fastest call by default,
 * or its median), and its quartiles are the spread.
 */
public final class LatencyMeter {
    private static final String INPUT = "image";
    /** Sessions (ort) or rounds (jnas) per measurement; the fastest one's median is the latency. */
    static final int SESSIONS = 3;
    private final MeasureOptions options;

    public LatencyMeter(MeasureOptions options) {
        this.options = options;
    }

    public MeasureOptions options() {
        return options;
    }

    /** The device these measurements describe. */
    public Device device() {
        return Device.here(options);
    }

    /** Something to time: what it computes on input {@code x}, in libtorch and as ONNX nodes. */
    public interface Timeable {
        NDArray forward(Ctx ctx, NDArray x);

        String onnx(OnnxGraph g, String x);
    }

    /** {@code net} as something to time. */
    public static Timeable of(Network net) {
        return new Timeable() {
            @Override
            public NDArray forward(Ctx ctx, NDArray x) {
                return net.forward(ctx, x);
            }

            @Override
            public String onnx(OnnxGraph g, String x) {
                return net.onnx(g, x);
            }
        };
    }

    /** Latency of {@code t} on inputs of {@code chw} (channels, height, width) at the options' batch. */
    public Measurement measure(Timeable t, Shape chw, NDManager m) {
        return measure(t, chw, m, SESSIONS);
    }

    /** The same in {@code sessions} sessions (ort) or rounds (jnas), the fastest one's median kept. */
    public Measurement measure(Timeable t, Shape chw, NDManager m, int sessions) {
        if (sessions < 1) {
            throw new IllegalArgumentException("a measurement needs one session at least, got " + sessions);
        }
        Shape in = new Shape(options.batch(), chw.get(0), chw.get(1), chw.get(2));
        float[] x = new float[(int) in.size()];
        SplittableRandom r = new SplittableRandom(0);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        try (NoGrad ng = new NoGrad()) {
            return options.runtime().equals("ort") ? ort(t, in, x, m, sessions) : jnas(t, in, x, m, sessions);
        }
    }

    private Measurement ort(Timeable t, Shape in, float[] x, NDManager m, int sessions) {
        byte[] model;
        try (NDManager sm = m.newSubManager()) {
            OnnxGraph g = new OnnxGraph(INPUT, sm.create(x, in));
            String out = t.onnx(g, INPUT);
            model = g.model(out, 17, Map.of(), Versions.jnas()).toByteArray();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(options.threads());
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            Measurement best = null;
            for (int session = 0; session < sessions; session++) {
                try (OrtSession s = env.createSession(model, o);
                        OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), in.getShape())) {
                    Map<String, OnnxTensor> feed = Map.of(INPUT, tensor);
                    for (int i = 0; i < options.warmup(); i++) {
                        s.run(feed).close();
                    }
                    long[] ns = new long[options.repeats()];
                    for (int i = 0; i < ns.length; i++) {
                        long t0 = System.nanoTime();
                        s.run(feed).close();
                        ns[i] = System.nanoTime() - t0;
                    }
                    Measurement one = Measurement.of(ns);
                    best = best == null || options.value(one) < options.value(best) ? one : best;
                }
            }
            return best;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run the exported network: " + e.getMessage().split("\n")[0], e);
        }
    }

    private Measurement jnas(Timeable t, Shape in, float[] x, NDManager m, int sessions) {
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(options.threads());
        try {
            Measurement best = null;
            for (int round = 0; round < sessions; round++) {
                for (int i = 0; i < options.warmup(); i++) {
                    call(t, in, x, m);
                }
                long[] ns = new long[options.repeats()];
                for (int i = 0; i < ns.length; i++) {
                    ns[i] = call(t, in, x, m);
                }
                Measurement r = Measurement.of(ns);
                best = best == null || options.value(r) < options.value(best) ? r : best;
            }
            return best;
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** One call; its nanoseconds (input creation and freeing excluded). */
    private static long call(Timeable t, Shape in, float[] x, NDManager m) {
        try (NDManager sm = m.newSubManager()) {
            NDArray input = sm.create(x, in);
            long t0 = System.nanoTime();
            t.forward(Ctx.eval(sm), input); // libtorch's CPU kernels are synchronous: the result is there when it returns
            return System.nanoTime() - t0;
        }
    }
}
