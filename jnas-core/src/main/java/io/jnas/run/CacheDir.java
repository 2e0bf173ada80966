package io.jnas.run;

import java.nio.file.Path;

/** Where jnas keeps data it can rebuild (decoded archives, reduced datasets): $JNAS_CACHE or ~/.cache/jnas. */
public final class CacheDir {
    private CacheDir() {
    }

    public static Path root() {
        String env = System.getenv("JNAS_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "jnas");
    }
}
