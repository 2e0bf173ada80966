package io.jnas.cluster;

import io.jnas.engine.EngineSpec;
import io.jnas.run.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Spark's shared secret: made fresh for clusters jnas starts (from the system's secure random source, not the run's
 * seed: a secret must not be reproducible), kept in a file only its owner reads, and found for a {@code spark://}
 * master.
 */
final class Secrets {
    private Secrets() {
    }

    static String fresh() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Writes {@code secret} to {@code file}, readable by its owner only. */
    static void write(Path file, String secret) throws IOException {
        AtomicFiles.writeString(file, secret + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the folder's permissions
        }
    }

    /**
     * The secret to connect to {@code master}: {@code --secret-file}'s, else that of the cluster jnas cluster start
     * made at that address, else none with {@code --insecure}; IllegalArgumentException otherwise.
     */
    static String forMaster(EngineSpec spec, String master) throws IOException {
        if (spec.secretFile() != null) {
            return read(Path.of(spec.secretFile()));
        }
        Map<String, Object> started = StandaloneCluster.describe(StandaloneCluster.defaultDir());
        if (started != null && master.equals(started.get("master"))) {
            return read(Path.of((String) started.get("secret_file")));
        }
        if (spec.insecure()) {
            return null;
        }
        throw new IllegalArgumentException("connecting to " + master + " needs the cluster's secret: give --secret-file FILE "
                + "(jnas cluster start writes it next to cluster.json), or --insecure for a cluster that has none");
    }

    private static String read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read the secret file " + file + ": give the file jnas cluster start "
                    + "wrote, or the one your cluster's spark.authenticate.secret came from");
        }
        String s = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the secret file " + file + " is empty");
        }
        return s;
    }
}
