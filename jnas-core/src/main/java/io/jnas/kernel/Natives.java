package io.jnas.kernel;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The few native calls jnas makes beside DJL's, through JNA: {@code setenv} in this process (oneDNN reads
 * {@code ONEDNN_MAX_CPU_ISA} from the C environment when its first primitive is created; Java's copy of the environment
 * cannot change it), and libtorch's global context switches for oneDNN and NNPACK ({@code at::globalContext()}, exported
 * by libtorch_cpu.so; DJL has no call for them).
 */
final class Natives {
    private static NativeLibrary torch;

    private Natives() {
    }

    /** The C library's setenv. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Sets {@code name=value} in this process's C environment (what native code's getenv sees). */
    static void setenv(String name, String value) {
        LibC c = Native.load("c", LibC.class);
        if (c.setenv(name, value, 1) != 0) {
            throw new IllegalStateException("setenv " + name + " failed");
        }
    }

    /** Whether libtorch calls oneDNN for convolutions ({@code torch.backends.mkldnn.enabled}). */
    static void setOnednn(boolean on) {
        context("_ZN2at7Context20setUserEnabledMkldnnEb", on);
    }

    /** Whether libtorch may use NNPACK ({@code torch.backends.nnpack.enabled}). */
    static void setNnpack(boolean on) {
        context("_ZN2at7Context20setUserEnabledNNPACKEb", on);
    }

    /** NNPACK's own test of the CPU; libtorch logs a warning to stderr when it fails. */
    static boolean nnpackAvailable() {
        return (torch().getFunction("_ZN2at6native17_nnpack_availableEv").invokeInt(new Object[0]) & 0xff) != 0;
    }

    private static void context(String symbol, boolean on) {
        Pointer ctx = (Pointer) torch().getFunction("_ZN2at13globalContextEv").invoke(Pointer.class, new Object[0]);
        torch().getFunction(symbol).invoke(new Object[] {ctx, (byte) (on ? 1 : 0)});
    }

    /** libtorch_cpu as DJL loaded it (found in this process's memory map). */
    private static synchronized NativeLibrary torch() {
        if (torch == null) {
            ai.djl.engine.Engine.getEngine("PyTorch");
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                    if (line.endsWith("/libtorch_cpu.so")) {
                        torch = NativeLibrary.getInstance(line.substring(line.indexOf('/')));
                        break;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /proc/self/maps to find libtorch_cpu.so: " + e.getMessage());
            }
            if (torch == null) {
                throw new IllegalStateException("libtorch_cpu.so is not loaded in this process");
            }
        }
        return torch;
    }
}
