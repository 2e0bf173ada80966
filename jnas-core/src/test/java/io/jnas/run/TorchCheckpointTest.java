package io.jnas.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** torch.save files written here opcode by opcode: a strided tensor is read in both formats; code is refused. */
class TorchCheckpointTest {
    @TempDir
    Path dir;

    /** Pickle protocol 2 opcodes, written by hand as torch.save would. */
    private static final class Pickle {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Pickle op(int... ops) {
            for (int o : ops) {
                b.write(o);
            }
            return this;
        }

        Pickle str(String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            b.write('X');
            b.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(u.length).array());
            b.writeBytes(u);
            return this;
        }

        Pickle global(String module, String name) {
            b.write('c');
            b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle op(byte[] raw) {
            b.writeBytes(raw);
            return this;
        }

        Pickle small(int v) {
            return op('K', v);
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }

    /**
     * {"state_dict": {"w": a 2×3 float tensor over storage "0", strides (1, 2)}}; the legacy form adds a sixth
     * (view) entry to the persistent id.
     */
    private static byte[] stateDict(boolean legacy) {
        Pickle p = new Pickle().op(0x80, 2, '}').str("state_dict").global("collections", "OrderedDict").op(')', 'R');
        p.str("w").global("torch._utils", "_rebuild_tensor_v2").op('(', '(').str("storage").global("torch", "FloatStorage")
                .str("0").str("cpu").small(6);
        if (legacy) {
            p.op('N');
        }
        p.op('t', 'Q').small(0).op('(').small(2).small(3).op('t', '(').small(1).small(2).op('t', 0x89)
                .global("collections", "OrderedDict").op(')', 'R', 't', 'R', 's', 's', '.');
        return p.bytes();
    }

    private static byte[] storage() {
        ByteBuffer s = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            s.putFloat(i);
        }
        return s.array();
    }

    private Path zip(String name, byte[] pkl, byte[] storage) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(pkl);
            z.putNextEntry(new ZipEntry("archive/data/0"));
            z.write(storage);
            z.closeEntry();
        }
        return f;
    }

    private Path legacy() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new Pickle().op(0x80, 2, 0x8a, 10, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.').bytes());
        b.writeBytes(new Pickle().op(0x80, 2, 'M', 0xe9, 0x03, '.').bytes()); // protocol version 1001
        b.writeBytes(new Pickle().op(0x80, 2, '}', '.').bytes()); // system info
        b.writeBytes(stateDict(true));
        b.writeBytes(new Pickle().op(0x80, 2, ']', '(').str("0").op('e', '.').bytes()); // storage keys
        b.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(6).array());
        b.writeBytes(storage());
        Path f = dir.resolve("legacy.pth");
        Files.write(f, b.toByteArray());
        return f;
    }

    @Test
    void readsAStridedTensorInBothFormats() throws Exception {
        for (Path f : new Path[] {zip("zip.pth", stateDict(false), storage()), legacy()}) {
            Map<String, TorchCheckpoint.Tensor> sd = TorchCheckpoint.read(f);
            assertThat(sd).containsOnlyKeys("w");
            assertThat(sd.get("w").shape()).containsExactly(2, 3);
            // element (i, j) is storage[i + 2j]: the transpose of a row-major 3×2 storage
            assertThat(sd.get("w").values()).containsExactly(0f, 2f, 4f, 1f, 3f, 5f);
        }
    }

    @Test
    void refusesAPickleThatCallsPython() throws Exception {
        byte[] evil = new Pickle().op(0x80, 2).global("os", "system").str("echo owned").op(0x85, 'R', '.').bytes();
        Path f = zip("evil.pth", evil, storage());
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the Python global os.system").hasMessageContaining("refused");
        Path raw = dir.resolve("evil.legacy.pth");
        Files.write(raw, new Pickle().op(0x80, 2).global("builtins", "eval").str("1").op(0x85, 'R', '.').bytes());
        assertThatThrownBy(() -> TorchCheckpoint.read(raw)).hasMessageContaining("the Python global builtins.eval");
    }

    @Test
    void refusesOpcodesThatBuildArbitraryObjects() throws Exception {
        byte[] inst = new Pickle().op('(').op('i').op("subprocess\nPopen\n".getBytes(StandardCharsets.UTF_8)).op('.').bytes();
        Path f = zip("inst.pth", inst, storage());
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).hasMessageContaining("opcode INST");
    }

    @Test
    void aFileThatIsNoCheckpointIsOneLine() throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "hello world");
        assertThatThrownBy(() -> TorchCheckpoint.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("notes.txt").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> TorchCheckpoint.read(dir.resolve("absent.pth"))).hasMessageContaining("does not exist");
    }
}
