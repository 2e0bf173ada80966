package io.jnas.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named float32 tensors in the safetensors layout (8-byte little-endian header length, JSON
 * header of dtype/shape/offsets, raw little-endian data), readable by other tools.
 * Written atomically.
 */
public final class TensorFile {
    private TensorFile() {
    }

    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is " + a.getDataType() + "; only float32 is stored");
            }
            ByteBuffer bb = a.toByteBuffer().order(ByteOrder.nativeOrder());
            float[] f = new float[(int) a.size()];
            bb.asFloatBuffer().get(f);
            ByteBuffer le = ByteBuffer.allocate(f.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            le.asFloatBuffer().put(f);
            byte[] bytes = le.array();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", a.getShape().getShape());
            info.put("data_offsets", new long[] {offset, offset + bytes.length});
            header.put(e.getKey(), info);
            data.put(e.getKey(), bytes);
            offset += bytes.length;
        }
        byte[] h = Json.write(header).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            out.write(h);
            for (byte[] b : data.values()) {
                out.write(b);
            }
            out.flush();
        });
    }

    /** Reads all tensors into {@code manager}. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IllegalArgumentException(file + ": tensor file is truncated");
        }
        long hl = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (hl <= 0 || 8 + hl > all.length) {
            throw new IllegalArgumentException(file + ": tensor file header is corrupt");
        }
        JsonNode header = Json.MAPPER.readTree(new String(all, 8, (int) hl, StandardCharsets.UTF_8));
        Map<String, NDArray> out = new LinkedHashMap<>();
        long base = 8 + hl;
        var it = header.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode info = e.getValue();
            long a = info.get("data_offsets").get(0).asLong();
            long b = info.get("data_offsets").get(1).asLong();
            if (base + b > all.length) {
                throw new IllegalArgumentException(file + ": tensor " + e.getKey() + " is truncated");
            }
            long[] shape = new long[info.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = info.get("shape").get(i).asLong();
            }
            float[] f = new float[(int) ((b - a) / 4)];
            ByteBuffer.wrap(all, (int) (base + a), (int) (b - a)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(f);
            out.put(e.getKey(), manager.create(f, new Shape(shape)));
        }
        return out;
    }

    /**
     * Copies checkpointed tensors into live ones of the same names and shapes, in place and outside
     * autograd; a missing or differently shaped tensor means the
     * checkpoint belongs to another configuration.
     */
    public static void copyInto(Map<String, NDArray> from, Map<String, NDArray> to, String what) {
        boolean grad = ai.djl.pytorch.jni.JniUtils.isGradMode();
        ai.djl.pytorch.jni.JniUtils.setGradMode(false); // an in-place write into a parameter is allowed only outside autograd
        try {
            for (Map.Entry<String, NDArray> e : to.entrySet()) {
                NDArray src = from == null ? null : from.get(e.getKey());
                if (src == null || !src.getShape().equals(e.getValue().getShape())) {
                    throw new IllegalArgumentException("checkpoint " + what + " does not match the run at " + e.getKey()
                            + "; was the run's config.yaml edited?");
                }
                // in place: the target keeps its storage, which views of it (an optimizer's flat state) share
                e.getValue().set(new ai.djl.ndarray.index.NDIndex("..."), src);
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setGradMode(grad);
        }
    }
}
