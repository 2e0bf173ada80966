package io.jnas.run;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * A pickle reader that accepts only what a PyTorch tensor state dict is made of, like PyTorch's {@code weights_only}
 * loading: dicts and ordered dicts, {@code torch._utils._rebuild_tensor_v2} / {@code _rebuild_parameter}, and storage
 * types of the numeric kinds. Any other global (a {@code .pth} may name any Python callable), and the opcodes that
 * build instances of arbitrary classes, are refused with {@link Refused}. Pyrolite parses the rest; it never runs code,
 * but an unrestricted read would still hand back objects of whatever shape the file claims.
 */
final class TorchUnpickler extends Unpickler {
    /** Element sizes of the storage types a state dict may use. */
    static final Map<String, Integer> STORAGES = Map.ofEntries(Map.entry("FloatStorage", 4), Map.entry("DoubleStorage", 8),
            Map.entry("HalfStorage", 2), Map.entry("BFloat16Storage", 2), Map.entry("LongStorage", 8),
            Map.entry("IntStorage", 4), Map.entry("ShortStorage", 2), Map.entry("CharStorage", 1),
            Map.entry("ByteStorage", 1), Map.entry("BoolStorage", 1));
    /** Opcodes that build instances of arbitrary classes (INST, OBJ) or of registered extensions (EXT*). */
    private static final Map<Short, String> REFUSED_OPCODES = Map.of(Opcodes.INST, "INST", Opcodes.OBJ, "OBJ", Opcodes.EXT1,
            "EXT1", Opcodes.EXT2, "EXT2", Opcodes.EXT4, "EXT4");

    /** A global or opcode a tensor state dict does not need. */
    static final class Refused extends PickleException {
        private static final long serialVersionUID = 1L;

        Refused(String what) {
            super(what);
        }
    }

    /** A storage type named by a persistent id, e.g. torch.FloatStorage. */
    record StorageType(String name, int elementSize) {
    }

    /** A storage reference: the key of its bytes in the checkpoint, its type and its element count. */
    record StorageRef(String key, StorageType type, long numel) {
    }

    /** A tensor view of a storage, as {@code _rebuild_tensor_v2} describes it. */
    record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {
    }

    /** An ordered dict; {@code _metadata} (module versions) set by BUILD is ignored. */
    public static final class OrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** Called by the pickle's BUILD opcode with the dict's attributes. */
        public void __setstate__(HashMap<?, ?> state) {
            // only _metadata (module versions) is set on a state dict; nothing to keep
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        if (key == Opcodes.GLOBAL) {
            String module = PickleUtils.readline(input);
            String name = PickleUtils.readline(input);
            stack.add(global(module, name));
            return NO_RETURN_VALUE;
        }
        if (key == Opcodes.STACK_GLOBAL) {
            Object name = stack.pop();
            Object module = stack.pop();
            stack.add(global(String.valueOf(module), String.valueOf(name)));
            return NO_RETURN_VALUE;
        }
        String refused = REFUSED_OPCODES.get(key);
        if (refused != null) {
            throw new Refused("the pickle opcode " + refused + " (it builds arbitrary objects)");
        }
        return super.dispatch(key);
    }

    private static Object global(String module, String name) {
        String full = module + "." + name;
        if (module.equals("torch") && STORAGES.containsKey(name)) {
            return new StorageType(name, STORAGES.get(name));
        }
        return switch (full) {
            case "collections.OrderedDict" -> (IObjectConstructor) args -> new OrderedDict();
            case "torch._utils._rebuild_tensor_v2" -> (IObjectConstructor) TorchUnpickler::tensor;
            case "torch._utils._rebuild_parameter" -> (IObjectConstructor) args -> args[0];
            default -> throw new Refused("the Python global " + full);
        };
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
    private static Object tensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof StorageRef s)) {
            throw new PickleException("a tensor without a storage");
        }
        return new TensorRef(s, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        long[] out = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = ((Number) t[i]).longValue();
        }
        return out;
    }

    /**
     * A storage's persistent id: {@code ('storage', type, key, location, numel)} in the zip format, with a sixth
     * entry (a view, which state dicts never use) in the legacy one.
     */
    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0]) || !(t[1] instanceof StorageType type)) {
            throw new PickleException("a persistent id that is not a tensor storage");
        }
        if (t.length > 5 && t[5] != null) {
            throw new Refused("a storage view (not used by tensor state dicts)");
        }
        return new StorageRef(String.valueOf(t[2]), type, ((Number) t[4]).longValue());
    }
}
