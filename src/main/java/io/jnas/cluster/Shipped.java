package io.jnas.cluster;

import io.jnas.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files that travel with a Spark job, named by their SHA-256: the driver writes a data set in jnas's data format and
 * hands it to Spark; an executor finds Spark's copy and checks its hash once before any task reads it. A reference
 * is {@code SHA256/FILE}.
 */
final class Shipped {
    private static final Map<String, Path> CHECKED = new ConcurrentHashMap<>();

    private Shipped() {
    }

    /** Writes {@code d} under {@code dir} as {@code SHA256.jnasdata}; returns the file. */
    static Path stage(Dataset d, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("staging.jnasdata");
        d.write(tmp);
        String sha = sha256(tmp);
        Path f = dir.resolve(sha + ".jnasdata");
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return f;
    }

    /** Copies {@code file} under {@code dir} as {@code SHA256.EXT}; returns the copy. */
    static Path stage(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        String sha = sha256(file);
        String n = file.getFileName().toString();
        Path f = dir.resolve(sha + (n.contains(".") ? n.substring(n.lastIndexOf('.')) : ""));
        if (!Files.exists(f)) {
            Path tmp = dir.resolve("staging.copy");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
        }
        return f;
    }

    /** The reference of a staged file. */
    static String ref(Path staged) {
        String n = staged.getFileName().toString();
        return n.substring(0, n.indexOf('.')) + "/" + n;
    }

    /** On an executor: the local copy of {@code ref}, its hash checked (once); IllegalStateException if it differs. */
    static Path local(String ref) {
        return CHECKED.computeIfAbsent(ref, r -> {
            String sha = r.substring(0, r.indexOf('/'));
            Path p = Path.of(org.apache.spark.SparkFiles.get(r.substring(r.indexOf('/') + 1)));
            try {
                String got = sha256(p);
                if (!got.equals(sha)) {
                    throw new IllegalStateException("shipped file " + p + " has SHA-256 " + got + ", expected " + sha);
                }
            } catch (IOException e) {
                throw new IllegalStateException("shipped file " + r + " cannot be read here: " + e.getMessage(), e);
            }
            return p;
        });
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
