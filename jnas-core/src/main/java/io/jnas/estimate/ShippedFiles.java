package io.jnas.estimate;

import io.jnas.data.Dataset;
import io.jnas.train.ofa.TrainedSupernet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What an engine (io.jnas.engine) ships with its tasks, as files named by their SHA-256 in a run's {@code shipped/} folder:
 * the data set and reduced data set the estimators used (jnas's data format), the NAS-Bench-201 CSVs, and a
 * super-network's current weights with its spec and splits. A reference is {@code SHA256/FILE}; roles are
 * {@code data}, {@code reduced}, {@code table/K}, {@code supernet/spec}, {@code supernet/weights} and {@code splits}.
 */
public final class ShippedFiles {
    private ShippedFiles() {
    }

    /**
     * Stages what {@code ctx} used under {@code dir} and hands each new file to {@code add} (e.g. Spark's addFile);
     * {@code everything} false ships only the super-network (workers on this machine read the spec's other files).
     */
    public static Map<String, String> ship(EstimatorContext<?> ctx, Path dir, boolean everything, Consumer<Path> add)
            throws IOException {
        Map<String, String> refs = new LinkedHashMap<>();
        if (everything) {
            put(refs, "data", ctx.usedData() == null ? null : stage(ctx.usedData(), dir), add);
            put(refs, "reduced", ctx.usedReduced() == null ? null : stage(ctx.usedReduced(), dir), add);
            Path table = ctx.usedTable();
            if (table != null) {
                List<Path> files = List.of(table);
                if (Files.isDirectory(table)) {
                    try (var s = Files.list(table)) {
                        files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
                    }
                }
                for (int i = 0; i < files.size(); i++) {
                    put(refs, "table/" + i, stage(files.get(i), dir), add);
                }
            }
        }
        TrainedSupernet sn = ctx.usedSupernet();
        if (sn != null) {
            Path tmp = Files.createDirectories(dir.resolve("supernet-staging"));
            TrainedSupernet.save(tmp, sn.spec(), sn.net());
            put(refs, "supernet/spec", stage(tmp.resolve(TrainedSupernet.SPEC), dir), add);
            put(refs, "supernet/weights", stage(tmp.resolve(TrainedSupernet.WEIGHTS), dir), add);
            TrainedSupernet.Data d = ctx.supernetData();
            put(refs, "splits", stage(new Dataset(sn.spec().data().dataset(), "splits", d.train(), d.val()), dir), add);
        }
        return refs;
    }

    private static void put(Map<String, String> refs, String role, Path staged, Consumer<Path> add) {
        if (staged != null) {
            add.accept(staged);
            refs.put(role, ref(staged));
        }
    }

    /** Writes {@code d} under {@code dir} as {@code SHA256.jnasdata}; returns the file. */
    public static Path stage(Dataset d, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("staging.jnasdata");
        d.write(tmp);
        Path f = dir.resolve(sha256(tmp) + ".jnasdata");
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return f;
    }

    /** Copies {@code file} under {@code dir} as {@code SHA256.EXT}; returns the copy. */
    public static Path stage(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        String n = file.getFileName().toString();
        Path f = dir.resolve(sha256(file) + (n.contains(".") ? n.substring(n.lastIndexOf('.')) : ""));
        if (!Files.exists(f)) {
            Path tmp = dir.resolve("staging.copy");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
        }
        return f;
    }

    /** The reference of a staged file. */
    public static String ref(Path staged) {
        String n = staged.getFileName().toString();
        return n.substring(0, n.indexOf('.')) + "/" + n;
    }

    /** The file a reference names in {@code dir}, its hash checked; IllegalStateException if it differs. */
    public static Path checked(String ref, Path file) {
        String sha = ref.substring(0, ref.indexOf('/'));
        try {
            String got = sha256(file);
            if (!got.equals(sha)) {
                throw new IllegalStateException("shipped file " + file + " has SHA-256 " + got + ", expected " + sha);
            }
        } catch (IOException e) {
            throw new IllegalStateException("shipped file " + ref + " cannot be read here: " + e.getMessage(), e);
        }
        return file;
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
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
