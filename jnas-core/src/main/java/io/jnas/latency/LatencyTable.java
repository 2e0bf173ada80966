package io.jnas.latency;

import io.jnas.run.AtomicFiles;
import io.jnas.run.CacheDir;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stored latency measurements of one space on one device: named entries in milliseconds (pieces of a look-up table,
 * or whole architectures a regression is fitted on), kept in {@code <cache>/latency/<fingerprint>/<space>.json} and
 * written atomically after every new entry, so that an interrupted build resumes where it stopped. A file whose
 * device or space differs from the one asked for is not used: it is set aside and the table starts empty.
 */
public final class LatencyTable {
    private static final int FORMAT = 1;
    private final Path file;
    private final Device device;
    private final String space;
    private final Map<String, Double> entries;

    private LatencyTable(Path file, Device device, String space, Map<String, Double> entries) {
        this.file = file;
        this.device = device;
        this.space = space;
        this.entries = entries;
    }

    /** The folder of a device's tables. */
    public static Path folder(Device device) {
        return CacheDir.root().resolve("latency").resolve(device.fingerprint());
    }

    /** The table of {@code space} (a description naming everything its entries depend on) for {@code device}. */
    public static LatencyTable open(Device device, String name, String space, Consumer<String> log) throws IOException {
        return open(folder(device).resolve(name + ".json"), device, space, log);
    }

    /** The table stored in {@code file}, or an empty one when it is missing or describes another device or space. */
    public static LatencyTable open(Path file, Device device, String space, Consumer<String> log) throws IOException {
        Map<String, Double> entries = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            Stored s = Json.MAPPER.readValue(file.toFile(), Stored.class);
            String fp = s.device() == null ? null : String.valueOf(s.device().get("fingerprint"));
            if (s.format() != FORMAT || !device.fingerprint().equals(fp) || !space.equals(s.space())) {
                Path stale = file.resolveSibling(file.getFileName() + ".stale");
                Files.move(file, stale, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                log.accept("latency: " + file + " was measured for " + (device.fingerprint().equals(fp) ? "another space ("
                        + s.space() + ")" : "another device (" + fp + ", here " + device.fingerprint() + ")")
                        + "; measuring again (the old table is kept as " + stale.getFileName() + ")");
            } else {
                entries.putAll(s.entries());
            }
        }
        return new LatencyTable(file, device, space, entries);
    }

    /** Where the table is stored. */
    public Path file() {
        return file;
    }

    public Device device() {
        return device;
    }

    /** The stored milliseconds of {@code key}, or null. */
    public Double get(String key) {
        return entries.get(key);
    }

    public int size() {
        return entries.size();
    }

    /** A copy of every entry. */
    public Map<String, Double> entries() {
        return new LinkedHashMap<>(entries);
    }

    /** Stores {@code ms} under {@code key} and writes the table. */
    public void put(String key, double ms) throws IOException {
        entries.put(key, ms);
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                new Stored(FORMAT, device.toMap(), space, entries)));
    }

    /** The file's form. */
    record Stored(int format, Map<String, Object> device, String space, Map<String, Double> entries) {
        Stored {
            entries = entries == null ? Map.of() : entries;
        }
    }

}
