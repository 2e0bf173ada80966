package io.jnas.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runs under one folder, read-only: every directory with a config.yaml (nested parts of a larger run included, to
 * {@value #DEPTH} levels), never following a symbolic link, and never a path outside the folder: a run is named by its
 * path relative to the folder ({@code demo-x/search}), and {@link #resolve} refuses any name that leads elsewhere.
 */
public final class RunFolder {
    private static final int DEPTH = 6;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path root;

    public RunFolder(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /** One run, for the list: its id, command, seed, state and key result. */
    public record Summary(String id, String command, Long seed, String status, Double progress, Double etaSeconds,
            Double elapsedSeconds, String started, String stage, String message, Map<String, Object> result) {
    }

    /** Every run under the folder, newest first. */
    public List<Summary> list() throws IOException {
        List<Summary> out = new ArrayList<>();
        for (Path dir : runDirs()) {
            summary(dir).ifPresent(out::add);
        }
        out.sort(Comparator.comparing((Summary s) -> s.started() == null ? "" : s.started()).reversed()
                .thenComparing(Summary::id));
        return out;
    }

    private List<Path> runDirs() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, DEPTH, new FileVisitOption[0])) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> Files.isRegularFile(p.resolve("config.yaml"), LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("checkpoint")).sorted().toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a folder vanished while walking: the next poll sees the new state
        }
    }

    /** The summary of run {@code id}, if it is one. */
    public Optional<Summary> summary(String id) throws IOException {
        return summary(resolve(id));
    }

    private Optional<Summary> summary(Path dir) {
        Map<String, Object> config = config(dir);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        RunState st = RunState.of(dir, Instant.now());
        Long seed = config.get("seed") instanceof Number n ? n.longValue() : null;
        return Optional.of(new Summary(id(dir), String.valueOf(config.get("command")), seed, st.status(), st.progress(),
                st.etaSeconds(), st.elapsedSeconds(), st.started(), st.stage(), st.message(), KeyResults.of(
                        String.valueOf(config.get("command")), json(dir.resolve("result.json")))));
    }

    /** The name of the run in {@code dir}: its path under the folder, with forward slashes. */
    String id(Path dir) {
        return root.relativize(dir).toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * The directory of run {@code id}, which must be a run's folder inside this one, named as {@link #list} names it:
     * names with {@code .} or {@code ..}, absolute paths and paths through a symbolic link out of the folder are
     * refused.
     */
    public Path resolve(String id) throws IOException {
        if (id == null || id.isBlank() || id.startsWith("/") || id.contains("\\") || id.contains("\0")) {
            throw new IllegalArgumentException("not a run of this folder: " + id);
        }
        Path p = root.resolve(id).normalize();
        if (!p.startsWith(root) || !id(p).equals(id) || !Files.isRegularFile(p.resolve("config.yaml"))) {
            throw new IllegalArgumentException("not a run of this folder: " + id);
        }
        Path real = p.toRealPath();
        if (!real.startsWith(root) || !real.resolve("config.yaml").toRealPath().startsWith(root)) {
            throw new IllegalArgumentException("not a run of this folder: " + id);
        }
        return real;
    }

    /** A file of a run by name ({@code result.json}, {@code front.json}, ...): refused unless it lies inside the run. */
    public Path file(String id, String name) throws IOException {
        Path dir = resolve(id);
        Path f = dir.resolve(name).normalize();
        if (!f.startsWith(dir) || !Files.isRegularFile(f) || !f.toRealPath().startsWith(dir)) {
            throw new IllegalArgumentException("no file " + name + " in run " + id);
        }
        return f;
    }

    /** A run's config.yaml, or an empty map when it cannot be read (being written, or not jnas's). */
    static Map<String, Object> config(Path dir) {
        try {
            return YAML.readValue(dir.resolve("config.yaml").toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** A JSON object file, or an empty map when it is missing or unreadable. */
    static Map<String, Object> json(Path f) {
        if (!Files.isRegularFile(f)) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            return Map.of();
        }
    }
}
