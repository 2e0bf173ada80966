package io.jnas.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The facts about this machine that decide whether libtorch's kernels compute right: the CPU (model, family, the
 * vector ISA flags), the cores, the cache sizes the machine reports (virtual machines often report none, and oneDNN
 * sizes its kernels' blocks from them) and the libtorch build. Read from {@code /proc/cpuinfo} and
 * {@code /sys/devices/system/cpu} without loading libtorch.
 *
 * @param cpu the CPU's model name
 * @param family CPU family and model, e.g. {@code 26/2} (AMD Zen 5)
 * @param isa the vector-ISA flags, sorted (sse4_1, avx2, avx512f, avx512_bf16, amx_tile, ...)
 * @param cores processors available to this JVM
 * @param caches the cache sizes the machine reports, e.g. {@code L1d 48K, L2 1024K}, or {@code none reported}
 * @param libtorch libtorch's build version (from the native package on the class path)
 */
public record Machine(String cpu, String family, List<String> isa, int cores, String caches, String libtorch) {

    /** Bumped whenever the checks change, so that a machine is checked again with the new ones. */
    static final int CHECK_VERSION = 1;

    /** This machine. */
    public static Machine current() {
        Map<String, String> info = cpuinfo();
        TreeSet<String> isa = new TreeSet<>();
        for (String f : info.getOrDefault("flags", "").split("\\s+")) {
            if (f.startsWith("sse4") || f.startsWith("avx") || f.startsWith("fma") || f.startsWith("amx") || f.equals("f16c")) {
                isa.add(f);
            }
        }
        String family = info.getOrDefault("cpu family", "?") + "/" + info.getOrDefault("model", "?");
        return new Machine(info.getOrDefault("model name", System.getProperty("os.arch")), family, List.copyOf(isa),
                Runtime.getRuntime().availableProcessors(), readCaches(), libtorchBuild());
    }

    /** True when the CPU lists {@code flag} (e.g. {@code avx512f}). */
    public boolean has(String flag) {
        return isa.contains(flag);
    }

    /**
     * A short name for the machine's kernels: the same CPU model and ISA, core count and libtorch build give the same
     * fingerprint, and so share one cached check.
     */
    public String fingerprint() {
        return shortHash(String.join("|", cpu, family, String.join(",", isa), Integer.toString(cores), caches, libtorch,
                Integer.toString(CHECK_VERSION)));
    }

    /** 16 hex digits of the SHA-256 of {@code key}: the fingerprints of machines and devices. */
    public static String shortHash(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The facts as an ordered map (config.yaml, the profile, jnas doctor). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpu);
        m.put("family", family);
        m.put("isa", String.join(" ", isa));
        m.put("cores", cores);
        m.put("caches", caches);
        m.put("libtorch", libtorch);
        m.put("fingerprint", fingerprint());
        return m;
    }

    private static Map<String, String> cpuinfo() {
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (line.isBlank()) {
                    break; // the first processor is enough
                }
                if (colon > 0) {
                    m.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            }
        } catch (IOException e) {
            // not Linux: the model comes from os.arch and no flags are known
        }
        return m;
    }

    private static String readCaches() {
        List<String> out = new ArrayList<>();
        Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
        for (int i = 0; i < 8; i++) {
            Path idx = dir.resolve("index" + i);
            try {
                if (!Files.isDirectory(idx)) {
                    break;
                }
                String type = Files.readString(idx.resolve("type")).strip();
                String level = Files.readString(idx.resolve("level")).strip();
                String tag = "L" + level + (type.equals("Data") ? "d" : type.equals("Instruction") ? "i" : "");
                out.add(tag + " " + Files.readString(idx.resolve("size")).strip());
            } catch (IOException e) {
                break;
            }
        }
        return out.isEmpty() ? "none reported" : String.join(", ", out);
    }

    /** libtorch's version from the native package's properties (no native library is loaded). */
    static String libtorchBuild() {
        try (InputStream in = Machine.class.getResourceAsStream("/native/lib/pytorch.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown") + " " + p.getProperty("flavor", "") + " " + p.getProperty("classifier", "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
