package io.jnas.ui;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jnas.run.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of a run's metrics.jsonl, read without taking the run's lock; a line cut by a writer is skipped. */
final class Metrics {
    private Metrics() {
    }

    static List<Map<String, Object>> rows(Path dir) {
        Path f = dir.resolve("metrics.jsonl");
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return rows;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return rows;
        }
        for (String l : lines) {
            if (l.isBlank()) {
                continue;
            }
            try {
                rows.add(Json.MAPPER.readValue(l, new TypeReference<LinkedHashMap<String, Object>>() {
                }));
            } catch (IOException e) {
                // the last line of a run being written, or one cut by a kill
            }
        }
        return rows;
    }

    /** The number of lines of metrics.jsonl (a cheap version stamp of a run's charts). */
    static long lines(Path dir) {
        Path f = dir.resolve("metrics.jsonl");
        try {
            return Files.isRegularFile(f) ? Files.size(f) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
