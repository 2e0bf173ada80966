package io.jnas.cluster;

import io.jnas.estimate.ShippedFiles;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On an executor, the local copy of a file shipped with the Spark job ({@link ShippedFiles}): Spark's copy, its
 * SHA-256 checked once before any task reads it.
 */
final class Shipped {
    private static final Map<String, Path> CHECKED = new ConcurrentHashMap<>();

    private Shipped() {
    }

    static Path local(String ref) {
        return CHECKED.computeIfAbsent(ref, r -> ShippedFiles.checked(r,
                Path.of(org.apache.spark.SparkFiles.get(r.substring(r.indexOf('/') + 1)))));
    }
}
