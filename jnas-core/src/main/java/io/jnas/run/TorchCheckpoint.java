package io.jnas.run;

import io.jnas.run.TorchUnpickler.StorageRef;
import io.jnas.run.TorchUnpickler.TensorRef;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A tensor state dict saved by PyTorch's {@code torch.save}, read without Python: the zip format (PyTorch >= 1.6:
 * {@code NAME/data.pkl} plus one raw file per storage under {@code NAME/data/}) and the legacy one (magic number,
 * protocol version and system info pickles, the object pickle, the list of storage keys, then each storage as an
 * int64 element count and its raw bytes). Only tensor state dicts are accepted ({@link TorchUnpickler}); a file whose
 * top level is {@code {"state_dict": ...}} yields that dict. Values are returned as float32 whatever their stored type
 * (integers exact below 2^24, e.g. BN's {@code num_batches_tracked}).
 */
public final class TorchCheckpoint {
    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private TorchCheckpoint() {
    }

    /**
     * A tensor read from the checkpoint.
     *
     * @param dtype the storage type it was saved with (e.g. FloatStorage)
     * @param shape its shape
     * @param values its elements in row-major order
     */
    public record Tensor(String dtype, long[] shape, float[] values) {
    }

    /** The state dict in {@code file}, in the file's key order; one line naming the problem when it is not one. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + file + " does not exist");
        }
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                throw new IllegalArgumentException(file + " is not a PyTorch checkpoint (too short)");
            }
        }
        try {
            return head[0] == 'P' && head[1] == 'K' ? zip(file) : legacy(file);
        } catch (TorchUnpickler.Refused e) {
            throw new IllegalArgumentException(file + " holds " + e.getMessage() + ", which a tensor state dict does not "
                    + "need; refused for safety (only tensors, dicts and numbers are read)");
        } catch (net.razorvine.pickle.PickleException | ClassCastException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(file + " is not a PyTorch tensor state dict (" + e.getMessage() + ")");
        }
    }

    private static Map<String, Tensor> zip(Path file) throws IOException {
        try (ZipFile z = new ZipFile(file.toFile())) {
            ZipEntry pkl = z.stream().filter(e -> e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl"))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(file + " is a zip file without data.pkl: "
                            + "not a torch.save checkpoint"));
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            Object root;
            try (InputStream in = new BufferedInputStream(z.getInputStream(pkl))) {
                root = new TorchUnpickler().load(in);
            }
            return tensors(file, root, ref -> {
                ZipEntry e = z.getEntry(prefix + "data/" + ref.key());
                if (e == null) {
                    throw new IllegalArgumentException(file + " misses the storage data/" + ref.key());
                }
                try (InputStream in = z.getInputStream(e)) {
                    return in.readAllBytes();
                }
            });
        }
    }

    private static Map<String, Tensor> legacy(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Object magic = new TorchUnpickler().load(in);
            if (!(magic instanceof Number n) || !new BigInteger(n.toString()).equals(MAGIC)) {
                throw new IllegalArgumentException(file + " is neither a zip nor a legacy torch.save checkpoint");
            }
            new TorchUnpickler().load(in); // protocol version
            new TorchUnpickler().load(in); // system info (endianness, type sizes)
            Object root = new TorchUnpickler().load(in);
            Object keys = new TorchUnpickler().load(in);
            Map<String, byte[]> bytes = new HashMap<>();
            DataInputStream d = new DataInputStream(in);
            for (Object k : (List<?>) keys) {
                long numel = Long.reverseBytes(d.readLong());
                bytes.put(String.valueOf(k), d.readNBytes(Math.toIntExact(numel * elementSize(root, String.valueOf(k)))));
            }
            return tensors(file, root, ref -> bytes.get(ref.key()));
        }
    }

    /** The element size of storage {@code key}, found among the tensors of {@code root}. */
    private static int elementSize(Object root, String key) {
        for (Object v : stateDict(root).values()) {
            if (v instanceof TensorRef t && t.storage().key().equals(key)) {
                return t.storage().type().elementSize();
            }
        }
        throw new IllegalArgumentException("storage " + key + " belongs to no tensor");
    }

    private interface StorageBytes {
        byte[] of(StorageRef ref) throws IOException;
    }

    private static Map<?, ?> stateDict(Object root) {
        if (!(root instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the checkpoint is not a dict");
        }
        return m.get("state_dict") instanceof Map<?, ?> sd ? sd : m;
    }

    private static Map<String, Tensor> tensors(Path file, Object root, StorageBytes storages) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Map<String, byte[]> cache = new HashMap<>();
        for (Map.Entry<?, ?> e : stateDict(root).entrySet()) {
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new IllegalArgumentException(file + ": entry " + e.getKey() + " is not a tensor");
            }
            byte[] b = cache.get(t.storage().key());
            if (b == null) {
                b = storages.of(t.storage());
                cache.put(t.storage().key(), b);
            }
            out.put(String.valueOf(e.getKey()), new Tensor(t.storage().type().name(), t.shape(), values(file, e.getKey(), t, b)));
        }
        return out;
    }

    /** The elements of view {@code t} of storage bytes {@code b}, gathered by its strides. */
    private static float[] values(Path file, Object name, TensorRef t, byte[] b) {
        int es = t.storage().type().elementSize();
        long n = 1;
        for (long s : t.shape()) {
            n *= s;
        }
        float[] out = new float[Math.toIntExact(n)];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long[] idx = new long[t.shape().length];
        for (int i = 0; i < out.length; i++) {
            long at = t.offset();
            for (int d = 0; d < idx.length; d++) {
                at += idx[d] * t.stride()[d];
            }
            if ((at + 1) * es > b.length) {
                throw new IllegalArgumentException(file + ": tensor " + name + " reaches past its storage");
            }
            out[i] = element(buf, (int) (at * es), t.storage().type().name());
            for (int d = idx.length - 1; d >= 0 && ++idx[d] == t.shape()[d]; d--) {
                idx[d] = 0;
            }
        }
        return out;
    }

    private static float element(ByteBuffer b, int at, String type) {
        return switch (type) {
            case "FloatStorage" -> b.getFloat(at);
            case "DoubleStorage" -> (float) b.getDouble(at);
            case "HalfStorage" -> half(b.getShort(at));
            case "BFloat16Storage" -> Float.intBitsToFloat((b.getShort(at) & 0xffff) << 16);
            case "LongStorage" -> b.getLong(at);
            case "IntStorage" -> b.getInt(at);
            case "ShortStorage" -> b.getShort(at);
            case "CharStorage" -> b.get(at);
            default -> b.get(at) & 0xff; // ByteStorage, BoolStorage
        };
    }

    /** IEEE 754 half precision to float (JDK 17 has no Float.float16ToFloat). */
    private static float half(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
