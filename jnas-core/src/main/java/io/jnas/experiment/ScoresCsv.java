package io.jnas.experiment;

import io.jnas.run.AtomicFiles;
import io.jnas.run.Events;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * scores.csv of an estimate study: one row per architecture (its text, then one column per score), appended as each
 * row is computed; a line cut by a kill is dropped when read, and its architecture scored again.
 */
final class ScoresCsv {
    private final Path file;
    private final List<String> columns;

    /** @param columns every column after "arch" */
    ScoresCsv(Path file, List<String> columns) {
        this.file = file;
        this.columns = List.copyOf(columns);
    }

    /** The scores.csv at {@code file} with the columns its header names (for reading a study's scores elsewhere). */
    static ScoresCsv existing(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        if (lines.isEmpty() || !lines.get(0).startsWith("arch,")) {
            throw new IllegalArgumentException(file + " is not the scores.csv of a jnas estimate run (its header starts with "
                    + "arch,); write one with: jnas estimate --out DIR");
        }
        return new ScoresCsv(file, List.of(lines.get(0).substring(5).split(",")));
    }

    /** The columns after "arch". */
    List<String> columns() {
        return columns;
    }

    String header() {
        return "arch," + String.join(",", columns);
    }

    /** The complete rows written so far, by architecture; NaN for empty cells. */
    Map<String, Map<String, Double>> read() throws IOException {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return rows;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last newline: empty, or a line cut by a kill (recomputed)
        if (lines.isEmpty()) {
            return rows;
        }
        if (!lines.get(0).equals(header())) {
            throw new IllegalArgumentException(file + " has the columns " + lines.get(0) + ", not those of this run ("
                    + header() + "); give another --out");
        }
        for (String line : lines.subList(1, lines.size())) {
            // the values are the last fields: an architecture's text may hold commas (DARTS genotypes, OFA subnets)
            String[] f = line.split(",", -1);
            int first = f.length - columns.size();
            if (first < 1) {
                continue;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            for (int k = 0; k < columns.size(); k++) {
                row.put(columns.get(k), f[first + k].isEmpty() ? Double.NaN : Double.parseDouble(f[first + k]));
            }
            rows.put(String.join(",", java.util.Arrays.asList(f).subList(0, first)), row);
        }
        return rows;
    }

    /** Starts the file with its header when it has none. */
    void begin() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            AtomicFiles.writeString(file, header() + "\n");
        }
    }

    void append(String arch, Map<String, Double> row) throws IOException {
        AtomicFiles.append(file, line(arch, row));
        Events.emit("score", arch);
    }

    /** Rewrites the whole file (after the final calibration changed a column). */
    void rewrite(Map<String, Map<String, Double>> rows) throws IOException {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        rows.forEach((arch, row) -> sb.append(line(arch, row)));
        AtomicFiles.writeString(file, sb.toString());
    }

    private String line(String arch, Map<String, Double> row) {
        StringBuilder sb = new StringBuilder(arch);
        for (String c : columns) {
            Double v = row.get(c);
            sb.append(',').append(v == null || v.isNaN() ? "" : Double.toString(v));
        }
        return sb.append('\n').toString();
    }
}
