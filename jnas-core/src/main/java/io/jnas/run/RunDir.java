package io.jnas.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A run directory: {@code config.yaml} (fully resolved, with seed and versions),
 * {@code metrics.jsonl}, {@code checkpoint/} (replaced atomically as a whole),
 * {@code result.json} and a report. Everything needed to reproduce or resume the run is here.
 */
public final class RunDir {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path dir;

    /** Locks held by this process, by run directory: re-entrant within the JVM, exclusive across processes. */
    private static final Map<Path, java.nio.channels.FileLock> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private RunDir(Path dir) throws IOException {
        this.dir = dir;
        lock(dir);
    }

    /**
     * Takes the run directory's lock file for the life of this process (the OS drops it when the
     * process dies, even by kill -9), so two jnas processes never write the same run.
     */
    private static synchronized void lock(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        if (LOCKS.containsKey(key)) {
            return;
        }
        FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        java.nio.channels.FileLock l;
        try {
            l = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IllegalArgumentException("run directory " + dir + " is in use by another jnas process; wait for it "
                    + "to finish or stop it, then 'jnas resume " + dir + "'");
        }
        LOCKS.put(key, l);
    }

    /** Creates a new run directory; refuses one that already holds a run. */
    public static RunDir create(Path dir) throws IOException {
        if (Files.exists(dir.resolve("config.yaml"))) {
            throw new IllegalArgumentException("run directory " + dir + " already holds a run; continue it with "
                    + "'jnas resume " + dir + "' or choose another --out");
        }
        Files.createDirectories(dir);
        return new RunDir(dir);
    }

    /** Opens an existing run directory. */
    public static RunDir open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.yaml"))) {
            throw new IllegalArgumentException(dir + " is not a jnas run directory (no config.yaml); give the folder "
                    + "a run printed as run_dir");
        }
        return new RunDir(dir);
    }

    /** A fresh default location: runs/KIND-yyyyMMdd-HHmmss-sSEED (suffixed when taken). */
    public static Path defaultPath(String kind, long seed) {
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = Path.of("runs", kind + "-" + stamp + "-s" + seed);
        int k = 2;
        while (Files.exists(p)) {
            p = Path.of("runs", kind + "-" + stamp + "-s" + seed + "-" + k++);
        }
        return p;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public void writeConfig(Map<String, Object> config) throws IOException {
        AtomicFiles.writeString(dir.resolve("config.yaml"), YAML.writeValueAsString(config));
    }

    public Map<String, Object> readConfig() throws IOException {
        return YAML.readValue(dir.resolve("config.yaml").toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    /** Appends one JSON line to metrics.jsonl and forces it to disk. */
    public synchronized void appendMetrics(Map<String, ?> row) throws IOException {
        AtomicFiles.append(dir.resolve("metrics.jsonl"), Json.write(row) + "\n");
        Events.emit("metrics", dir.toString());
    }

    /** All metric rows. */
    public List<Map<String, Object>> readMetrics() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        Path f = dir.resolve("metrics.jsonl");
        if (!Files.exists(f)) {
            return rows;
        }
        for (String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (l.isBlank()) {
                continue;
            }
            try {
                rows.add(Json.MAPPER.readValue(l, new TypeReference<LinkedHashMap<String, Object>>() {
                }));
            } catch (IOException e) {
                // a line cut by a kill mid-write is dropped; the checkpoint decides what is kept
            }
        }
        return rows;
    }

    /** Keeps only the metric rows accepted by {@code keep} (after resuming from a checkpoint). */
    public void retainMetrics(Predicate<Map<String, Object>> keep) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : readMetrics()) {
            if (keep.test(r)) {
                sb.append(Json.write(r)).append('\n');
            }
        }
        AtomicFiles.writeString(dir.resolve("metrics.jsonl"), sb.toString());
    }

    /** A restored checkpoint: named tensor groups and a JSON state. */
    public record Checkpoint(Map<String, Map<String, NDArray>> tensors, Map<String, Object> state) {
    }

    /**
     * Saves a checkpoint: tensor groups (e.g. "model", "optimizer") and a state map, written to
     * checkpoint.new/ and swapped in with directory renames, so a kill at any point leaves
     * either the previous or the new checkpoint complete.
     */
    public void saveCheckpoint(Map<String, Map<String, NDArray>> groups, Map<String, Object> state) throws IOException {
        Path fresh = dir.resolve("checkpoint.new");
        Path cur = dir.resolve("checkpoint");
        Path old = dir.resolve("checkpoint.old");
        deleteTree(fresh);
        Files.createDirectories(fresh);
        for (Map.Entry<String, Map<String, NDArray>> g : groups.entrySet()) {
            TensorFile.write(fresh.resolve(g.getKey() + ".safetensors"), g.getValue());
        }
        AtomicFiles.writeString(fresh.resolve("state.json"), Json.write(state));
        Events.emit("checkpoint-written", dir.toString());
        deleteTree(old);
        if (Files.exists(cur)) {
            Files.move(cur, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Events.emit("checkpoint-moved", dir.toString());
        }
        Files.move(fresh, cur, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
        Events.emit("checkpoint", dir.toString());
    }

    /**
     * Loads the newest complete checkpoint, if any: {@code checkpoint/}; when a kill came between the two renames,
     * {@code checkpoint.new/} (complete once its state.json, written last, is there), else {@code checkpoint.old/}.
     */
    public Optional<Checkpoint> loadCheckpoint(NDManager manager) throws IOException {
        Path cur = null;
        for (String name : List.of("checkpoint", "checkpoint.new", "checkpoint.old")) {
            if (Files.isRegularFile(dir.resolve(name).resolve("state.json"))) {
                cur = dir.resolve(name);
                break;
            }
        }
        if (cur == null) {
            return Optional.empty();
        }
        Map<String, Object> state = Json.MAPPER.readValue(cur.resolve("state.json").toFile(),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        Map<String, Map<String, NDArray>> groups = new LinkedHashMap<>();
        try (var files = Files.list(cur)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".safetensors")) {
                    groups.put(n.substring(0, n.length() - ".safetensors".length()), TensorFile.read(f, manager));
                }
            }
        }
        return Optional.of(new Checkpoint(groups, state));
    }

    /** Writes result.json from a result record (its fields, snake_case, nulls left out). */
    public void writeResult(Record result) throws IOException {
        writeResult(Json.toMap(result));
    }

    public void writeResult(Map<String, ?> result) throws IOException {
        AtomicFiles.writeString(dir.resolve("result.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(result));
    }

    /** Deletes a folder and everything under it (nothing when it does not exist). */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
