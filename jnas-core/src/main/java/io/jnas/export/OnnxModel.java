package io.jnas.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.data.Preprocessing;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** An ONNX classifier run in ONNX Runtime for Java, with the preprocessing its jnas metadata (or the caller) gives. */
public final class OnnxModel implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;
    private final Preprocessing pre;
    private final boolean namedClasses;

    private OnnxModel(OrtSession session, String input, Preprocessing pre, boolean namedClasses) {
        this.session = session;
        this.input = input;
        this.pre = pre;
        this.namedClasses = namedClasses;
    }

    /** Whether the model's metadata names its classes (otherwise they are class_0, class_1, ...). */
    public boolean namedClasses() {
        return namedClasses;
    }

    /**
     * Opens {@code file}; {@code mean}/{@code std} (null: from the metadata) override the model's normalisation.
     *
     * @param threads ONNX Runtime's intra-op threads
     */
    public static OnnxModel open(Path file, float[] mean, float[] std, int threads) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist; give the model.onnx that jnas export wrote");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession s;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            s = env.createSession(file.toString(), o);
        } catch (OrtException e) {
            throw new IllegalArgumentException(file + " is not an ONNX model ONNX Runtime can load (" + e.getMessage().split("\n")[0]
                    + ")");
        }
        try {
            String input = s.getInputNames().iterator().next();
            long[] shape = ((TensorInfo) s.getInputInfo().get(input).getInfo()).getShape();
            if (shape.length != 4) {
                throw new IllegalArgumentException(file + " takes a " + shape.length + "-D input; jnas predict runs image "
                        + "classifiers with an (N, C, H, W) input");
            }
            if (shape[1] < 1 || shape[2] < 1 || shape[3] < 1) {
                throw new IllegalArgumentException(file + " takes images of a free size " + java.util.Arrays.toString(shape)
                        + "; jnas predict needs a fixed channel count, height and width (as jnas export writes)");
            }
            Map<String, String> meta = s.getMetadata().getCustomMetadata();
            float[] mu = mean != null ? mean : floats(meta.get("jnas.mean"));
            float[] sd = std != null ? std : floats(meta.get("jnas.std"));
            if (mu == null || sd == null) {
                throw new IllegalArgumentException(file + " has no jnas normalisation in its metadata; give --mean and --std "
                        + "(one value per channel, pixels scaled to [0, 1])");
            }
            List<String> classes = meta.containsKey("jnas.classes")
                    ? Json.MAPPER.readValue(meta.get("jnas.classes"), new TypeReference<List<String>>() {
                    }) : null;
            int c = (int) shape[1];
            if (mu.length != c || sd.length != c) {
                throw new IllegalArgumentException("--mean/--std need " + c + " values (the model's channels), got " + mu.length
                        + " and " + sd.length);
            }
            boolean named = classes != null;
            if (classes == null) {
                long[] out = ((TensorInfo) s.getOutputInfo().values().iterator().next().getInfo()).getShape();
                classes = java.util.stream.IntStream.range(0, (int) out[1]).mapToObj(i -> "class_" + i).toList();
            }
            return new OnnxModel(s, input, new Preprocessing(c, (int) shape[2], (int) shape[3], mu, sd, classes), named);
        } catch (OrtException e) {
            throw new IOException(e);
        }
    }

    private static float[] floats(String json) throws IOException {
        return json == null ? null : Json.MAPPER.readValue(json, float[].class);
    }

    public Preprocessing preprocessing() {
        return pre;
    }

    /** Logits (n, classes) for {@code n} normalised images laid out (n, C, H, W). */
    public float[][] logits(float[] images, int n) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(images),
                new long[] {n, pre.channels(), pre.height(), pre.width()}); OrtSession.Result r = session.run(Map.of(input, t))) {
            return (float[][]) r.get(0).getValue();
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot run the model on " + n + " images of " + pre.channels() + "x"
                    + pre.height() + "x" + pre.width() + " floats (" + e.getMessage().split("\n")[0] + ")");
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
