package io.jnas.data.reduce;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.jnas.data.DataFormatException;
import io.jnas.data.ImageData;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A frozen image model run by ONNX Runtime (any model taking one float image tensor
 * [N, 3, S, S] normalised with ImageNet mean and std). Images are resized to S×S; the code is
 * the softmax of the model's output (the reference uses VGG-16's softmax).
 */
public final class OnnxEncoder implements ImageEncoder {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private final Path model;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String input;
    private final int size;
    private final int batch;

    public OnnxEncoder(Path model, int batch) {
        if (!Files.isRegularFile(model)) {
            throw new DataFormatException(model, "encoder model not found; give an ONNX image model with --encoder");
        }
        this.model = model;
        this.batch = batch;
        try {
            env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(Integer.getInteger("ai.djl.pytorch.num_threads", 2));
            session = env.createSession(model.toString(), o);
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            input = in.getKey();
            long[] shape = ((TensorInfo) in.getValue().getInfo()).getShape();
            if (shape.length != 4 || shape[1] != 3) {
                throw new DataFormatException(model, "input " + input + " has shape " + java.util.Arrays.toString(shape)
                        + "; an encoder must take [N, 3, S, S] images");
            }
            size = shape[2] > 0 ? (int) shape[2] : 224;
        } catch (OrtException e) {
            throw new DataFormatException(model, "ONNX Runtime cannot load it (" + e.getMessage() + ")");
        }
    }

    @Override
    public float[][] encode(ImageData data, int[] indices) {
        float[][] out = new float[indices.length][];
        for (int from = 0; from < indices.length; from += batch) {
            int n = Math.min(batch, indices.length - from);
            FloatBuffer buf = FloatBuffer.allocate(n * 3 * size * size);
            for (int k = 0; k < n; k++) {
                fill(data, indices[from + k], buf);
            }
            buf.flip();
            try (OnnxTensor t = OnnxTensor.createTensor(env, buf, new long[] {n, 3, size, size});
                    OrtSession.Result r = session.run(Map.of(input, t))) {
                float[][] logits = (float[][]) r.get(0).getValue();
                for (int k = 0; k < n; k++) {
                    out[from + k] = softmax(logits[k]);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed on " + model + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private void fill(ImageData data, int index, FloatBuffer buf) {
        int c = data.channels();
        int h = data.height();
        int w = data.width();
        byte[] img = new byte[data.imageBytes()];
        data.copyImage(index, img, 0);
        BufferedImage src = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < h * w; p++) {
            int r = img[p] & 0xff;
            int g = c > 1 ? img[h * w + p] & 0xff : r;
            int b = c > 2 ? img[2 * h * w + p] & 0xff : r;
            src.setRGB(p % w, p / w, (r << 16) | (g << 8) | b);
        }
        BufferedImage big = io.jnas.data.Images.resize(src, size, size);
        for (int ch = 0; ch < 3; ch++) {
            int shift = 16 - 8 * ch;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    float v = ((big.getRGB(x, y) >> shift) & 0xff) / 255f;
                    buf.put((v - MEAN[ch]) / STD[ch]);
                }
            }
        }
    }

    private static float[] softmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) Math.exp(z[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < z.length; i++) {
            out[i] /= (float) sum;
        }
        return out;
    }

    @Override
    public String describe() {
        return "ONNX model " + model + " (" + size + "x" + size + " input, softmax code)";
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session that failed to run is not worth an error
        }
    }
}
