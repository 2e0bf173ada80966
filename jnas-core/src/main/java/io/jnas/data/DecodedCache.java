package io.jnas.data;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.run.AtomicFiles;
import io.jnas.run.Json;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps decoded image sets (JPEG/PNG folders and archives) as raw uint8 files under
 * {@code ~/.cache/jnas/decoded/} ({@code $JNAS_CACHE} overrides), keyed by the source's path,
 * size and modification time and the reading options, so a 60,000-image archive is decoded
 * once. Format: a length-prefixed JSON header, then labels (int32) and pixels per split.
 * {@code JNAS_NO_CACHE=1} turns it off.
 */
final class DecodedCache {
    private DecodedCache() {
    }

    static Path dir() {
        return io.jnas.run.CacheDir.root().resolve("decoded");
    }

    static boolean enabled() {
        return System.getenv("JNAS_NO_CACHE") == null;
    }

    /** The cache file for a source and the options that shape what is read from it. */
    static Path key(Path source, String options) throws IOException {
        Path real = source.toRealPath();
        String id = real + "|" + Files.size(real) + "|" + Files.getLastModifiedTime(real).toMillis() + "|" + options;
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return dir().resolve(HexFormat.of().formatHex(h, 0, 16) + ".jnasdata");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Dataset read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            byte[] hb = new byte[in.readInt()];
            in.readFully(hb);
            Map<String, Object> h = Json.MAPPER.readValue(hb, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            @SuppressWarnings("unchecked")
            List<String> classes = (List<String>) h.get("classes");
            ImageData train = readSplit(in, classes);
            ImageData test = readSplit(in, classes);
            return new Dataset((String) h.get("name"), (String) h.get("source"), train, test);
        } catch (IOException | RuntimeException e) {
            // a damaged cache entry is simply decoded again
            return null;
        }
    }

    private static ImageData readSplit(InputStream raw, List<String> classes) throws IOException {
        DataInputStream in = (DataInputStream) raw;
        int n = in.readInt();
        int c = in.readInt();
        int hh = in.readInt();
        int w = in.readInt();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = in.readInt();
        }
        byte[] px = new byte[n * c * hh * w];
        in.readFully(px);
        return new ImageData(px, labels, c, hh, w, classes);
    }

    static void write(Path file, Dataset d) {
        try {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("name", d.name());
            h.put("source", d.source());
            h.put("classes", d.train().classes());
            byte[] hb = Json.write(h).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, os -> {
                DataOutputStream out = new DataOutputStream(os);
                out.writeInt(hb.length);
                out.write(hb);
                for (ImageData s : List.of(d.train(), d.test())) {
                    out.writeInt(s.size());
                    out.writeInt(s.channels());
                    out.writeInt(s.height());
                    out.writeInt(s.width());
                    for (int i = 0; i < s.size(); i++) {
                        out.writeInt(s.label(i));
                    }
                    out.write(s.raw());
                }
                out.flush();
            });
        } catch (IOException | RuntimeException e) {
            // caching is an optimisation; a read-only home directory must not fail the run
        }
    }
}
