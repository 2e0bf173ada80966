package io.jnas.data.reduce;

import io.jnas.data.Dataset;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to build a reduced dataset, as stored in config.yaml.
 *
 * @param method {@code labels} (k-means over label codes + farthest choice), {@code images}
 *     (per-label k-means over image codes) or {@code random} (RD-RS)
 * @param labels k, labels kept by the {@code labels} method
 * @param perLabel training images per label ({@code images}, {@code random})
 * @param testPerLabel test images per label ({@code images}, {@code random})
 * @param encoder ONNX image model path, or {@code none} for the raw-pixel fallback
 * @param encodeLimit at most this many images per label are encoded
 * @param seed selection seed
 */
public record RdSpec(String method, int labels, int perLabel, int testPerLabel, String encoder, int encodeLimit, long seed) {
    public RdSpec {
        if (!java.util.List.of("labels", "images", "random").contains(method)) {
            throw new IllegalArgumentException("--rd-method must be labels, images or random, got '" + method + "'");
        }
        if (labels < 1 || perLabel < 1 || testPerLabel < 1 || encodeLimit < 1) {
            throw new IllegalArgumentException("--rd-labels, --rd-images and --rd-test-images must be >= 1");
        }
    }

    /** The manifest identifying an RD built from {@code source} with these settings. */
    public Map<String, Object> manifest(Dataset source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.name());
        m.put("source_path", source.source());
        m.put("source_train", source.train().size());
        m.put("method", method);
        m.put("labels", method.equals("labels") ? labels : source.numClasses());
        m.put("per_label", method.equals("labels") ? "all" : perLabel);
        m.put("test_per_label", method.equals("labels") ? "all" : testPerLabel);
        m.put("encoder", method.equals("random") ? "none (random selection)" : encoder);
        m.put("encode_limit", encodeLimit);
        m.put("seed", seed);
        return m;
    }

    /**
     * Returns the RD folder for {@code source}, building it under {@code cacheRoot} the first
     * time (selection + PNG files) and reusing it afterwards.
     */
    public Path ensure(Dataset source, Path cacheRoot, Consumer<String> log) throws IOException {
        Map<String, Object> manifest = manifest(source);
        String id;
        try {
            id = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(manifest).getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path dir = cacheRoot.resolve("rd-" + id);
        if (RdStore.matches(dir, manifest)) {
            log.accept("reduced dataset: reusing " + dir);
            return dir;
        }
        ReducedDataset.Selection sel;
        if (method.equals("random")) {
            sel = ReducedDataset.random(source.train(), source.test(), perLabel, testPerLabel, seed);
        } else {
            try (ImageEncoder enc = encoder.equals("none") ? new PixelEncoder(8) : new OnnxEncoder(Path.of(encoder), 64)) {
                log.accept("reduced dataset: encoding with " + enc.describe());
                sel = method.equals("labels")
                        ? ReducedDataset.byLabels(source.train(), source.test(), enc, labels, encodeLimit, seed)
                        : ReducedDataset.byImages(source.train(), source.test(), enc, perLabel, testPerLabel, encodeLimit, seed);
            }
        }
        RdStore.write(dir, source, sel, manifest);
        log.accept("reduced dataset: " + sel.train().length + " training and " + sel.test().length + " test images of "
                + sel.labels().size() + " labels (" + method + ") written to " + dir);
        return dir;
    }
}
