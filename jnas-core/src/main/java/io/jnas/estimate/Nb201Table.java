package io.jnas.estimate;

import io.jnas.data.DataFormatException;
import io.jnas.space.SearchSpace;
import io.jnas.space.nb201.Nb201Cell;
import io.jnas.space.nb201.Nb201Space;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * NAS-Bench-201 accuracy tables in the two CSV layouts of ../shared/data/nb201: the 200-epoch
 * test accuracies ({@code CIFAR10TestAccuracy200Epochs, ..., ArchitectureString, UniqueString})
 * and the 12-epoch test/validation accuracies ({@code arch, cellstr, cifar10-test, ...}). A
 * folder holding both files loads both. Row order is the benchmark's index order.
 * Columns are named {@code DATASET-SPLIT-EPOCHS}, e.g. {@code cifar10-test-200}, {@code cifar100-val-12}.
 */
public final class Nb201Table {
    private final List<Nb201Cell> order = new ArrayList<>();
    private final Map<Nb201Cell, Integer> index = new HashMap<>();
    private final Map<String, double[]> columns = new LinkedHashMap<>();

    private Nb201Table() {
    }

    /** Loads a CSV file, or every NAS-Bench-201 CSV in a folder. */
    public static Nb201Table load(Path path) throws IOException {
        Nb201Table t = new Nb201Table();
        if (Files.isDirectory(path)) {
            try (var s = Files.list(path)) {
                List<Path> csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
                if (csvs.isEmpty()) {
                    throw new DataFormatException(path, "holds no NAS-Bench-201 .csv table");
                }
                for (Path p : csvs) {
                    t.read(p);
                }
            }
        } else if (Files.isRegularFile(path)) {
            t.read(path);
        } else {
            throw new DataFormatException(path, "does not exist; give a NAS-Bench-201 CSV file or its folder with --table");
        }
        return t;
    }

    /** Loads the table for a search over {@code space}, which must be NAS-Bench-201's. */
    public static Nb201Table forSpace(SearchSpace<?> space, Path path) throws IOException {
        if (!(space instanceof Nb201Space)) {
            throw new IllegalArgumentException("--table holds NAS-Bench-201 accuracies; it only applies to --space nb201, not "
                    + space.name());
        }
        return load(path);
    }

    private void read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new DataFormatException(file, "is empty; expected a NAS-Bench-201 CSV table");
        }
        String[] header = lines.get(0).split(",");
        int archCol;
        Map<Integer, String> valueCols = new LinkedHashMap<>();
        if (header[0].startsWith("CIFAR10TestAccuracy200Epochs")) {
            archCol = indexOf(header, "ArchitectureString", file);
            valueCols.put(indexOf(header, "CIFAR10TestAccuracy200Epochs", file), "cifar10-test-200");
            valueCols.put(indexOf(header, "CIFAR100TestAccuracy200Epochs", file), "cifar100-test-200");
            valueCols.put(indexOf(header, "ImageNetTestAccuracy200Epochs", file), "imagenet16-test-200");
        } else if (header.length > 2 && header[1].equals("cellstr")) {
            archCol = 1;
            for (int i = 2; i < header.length; i++) {
                valueCols.put(i, header[i].replace("imagenet", "imagenet16") + "-12");
            }
        } else {
            throw new DataFormatException(file, "is not a NAS-Bench-201 table (unknown header '" + lines.get(0) + "')");
        }
        boolean first = order.isEmpty();
        int rows = lines.size() - 1;
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String c : valueCols.values()) {
            cols.put(c, new double[first ? rows : order.size()]);
        }
        for (int r = 1; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",", -1);
            if (f.length < header.length) {
                throw new DataFormatException(file, "line " + (r + 1) + " has " + f.length + " fields, expected " + header.length);
            }
            Nb201Cell cell;
            try {
                cell = Nb201Cell.parse(f[archCol]);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(file, "line " + (r + 1) + ": " + e.getMessage());
            }
            int row;
            if (first) {
                row = r - 1;
                order.add(cell);
                index.put(cell, row);
            } else {
                Integer known = index.get(cell);
                if (known == null) {
                    throw new DataFormatException(file, "line " + (r + 1) + " names a cell missing from the other table");
                }
                row = known;
            }
            for (Map.Entry<Integer, String> v : valueCols.entrySet()) {
                try {
                    cols.get(v.getValue())[row] = Double.parseDouble(f[v.getKey()]);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, "line " + (r + 1) + ": '" + f[v.getKey()] + "' is not a number");
                }
            }
        }
        columns.putAll(cols);
    }

    private static int indexOf(String[] header, String name, Path file) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].trim().equals(name)) {
                return i;
            }
        }
        throw new DataFormatException(file, "lacks the column " + name);
    }

    /** Cells in the benchmark's index order. */
    public List<Nb201Cell> cells() {
        return Collections.unmodifiableList(order);
    }

    /** The benchmark index of a cell. */
    public int indexOf(Nb201Cell cell) {
        Integer i = index.get(cell);
        if (i == null) {
            throw new IllegalArgumentException("cell " + cell + " is not in the table");
        }
        return i;
    }

    /** Column names available. */
    public List<String> columns() {
        return List.copyOf(columns.keySet());
    }

    /** The value of {@code column} (e.g. cifar10-test-200) for a cell, empty when the column is absent. */
    public OptionalDouble get(Nb201Cell cell, String column) {
        double[] c = columns.get(column);
        if (c == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(c[indexOf(cell)]);
    }

    /** Looks up a column, failing with the available names. */
    public double require(Nb201Cell cell, String column) {
        return get(cell, column).orElseThrow(() -> new IllegalArgumentException("the table has no column '" + column
                + "' (available: " + String.join(", ", columns()) + ")"));
    }

    /** The column name of a data set's test accuracy at the given epochs (dataset: cifar10, cifar100, imagenet16). */
    public static String testColumn(String dataset, int epochs) {
        return dataset + "-test-" + epochs;
    }
}
