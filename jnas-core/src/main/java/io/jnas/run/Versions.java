package io.jnas.run;

import java.util.LinkedHashMap;
import java.util.Map;

/** Versions recorded in every run directory. */
public final class Versions {
    private Versions() {
    }

    public static String jnas() {
        String v = Versions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static String djl() {
        String v = ai.djl.engine.Engine.class.getPackage().getImplementationVersion();
        return v == null ? "0.35.1" : v;
    }

    /** The libtorch version reported by the engine (loads the native library). */
    public static String torch() {
        try {
            return ai.djl.engine.Engine.getEngine("PyTorch").getVersion();
        } catch (RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    /** All versions and machine facts, for config.yaml. */
    public static Map<String, Object> all() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jnas", jnas());
        m.put("djl", djl());
        m.put("libtorch", torch());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("torch_threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
        return m;
    }
}
